package dev.netwright.training;

import dev.netwright.data.Dataset;
import dev.netwright.data.Task;
import dev.netwright.engine.Shape;
import dev.netwright.onnx.ExportOptions;
import dev.netwright.onnx.ParityCheck;
import dev.netwright.persistence.ModelVersionEntity;
import dev.netwright.persistence.RunEntity;
import dev.netwright.persistence.TrainedModelEntity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a run's export is written with and records; a failed parity check makes the run's note say so first. */
class RunExportTest {
    @Test
    void optionsNameTheDesignIdsAndClasses() {
        ModelVersionEntity v = new ModelVersionEntity();
        v.id = 7L;
        v.name = "XOR";
        Dataset d = new Dataset("xor", "xor", "", Task.BINARY, Shape.of(2), 1, List.of("no", "yes"), new float[2], new float[1]);
        ExportOptions o = RunExport.options(v, 9, d, null);
        assertEquals("XOR", o.graphName());
        assertEquals(7L, o.modelVersionId());
        assertEquals(9L, o.runId());
        assertEquals(List.of("no", "yes"), o.classLabels());
        assertEquals(17, o.opset());
        assertTrue(o.foldPreprocessing());
    }

    @Test
    void theCheckIsStoredAndAFailureLeadsTheNote() {
        ParityCheck.Result bad = new ParityCheck.Result(0.5, 0.2, 64, false, null);
        TrainedModelEntity m = new TrainedModelEntity();
        RunExport.record(m, ExportOptions.defaults().withOpset(15), bad);
        assertEquals(15, m.exportOpset);
        assertEquals(0.5, m.parityMaxAbs);
        assertEquals(64, m.paritySamples);
        assertFalse(m.parityOk);

        RunEntity run = new RunEntity();
        run.note = "Early stopping at epoch 12";
        RunExport.flag(run, bad);
        assertTrue(run.note.startsWith("WARNING: the exported ONNX model differs from the trained network. ONNX Runtime vs the engine on 64 "
                + "samples: max |diff| 0.500"), run.note);
        assertTrue(run.note.endsWith("Early stopping at epoch 12"), run.note);

        run.note = "x".repeat(2000);
        RunExport.flag(run, bad);
        assertEquals(1000, run.note.length());
        assertTrue(run.note.startsWith("WARNING"));
    }
}
