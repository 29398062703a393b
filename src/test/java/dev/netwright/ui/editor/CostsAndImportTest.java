package dev.netwright.ui.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netwright.graph.GraphAnalyzer;
import dev.netwright.graph.GraphSpec;
import dev.netwright.projects.GraphJson;
import dev.netwright.projects.TemplateService;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** The status bar's totals and memory estimate, the number formats, and the JSON import's checks. */
class CostsAndImportTest {

    @Test
    void numberFormats() {
        assertEquals("940", CanvasModel.si(940));
        assertEquals("235k", CanvasModel.si(235_200));
        assertEquals("1.68k", CanvasModel.si(1_680));
        assertEquals("1M", CanvasModel.si(999_600));
        assertEquals("1.23G", CanvasModel.si(1_234_567_890));
        assertEquals("512 B", CanvasModel.bytes(512));
        assertEquals("2.82 MiB", CanvasModel.bytes(2_956_704));
        assertEquals("12 params · 16 FLOPs", CanvasModel.costs(12L, 16L));
        assertEquals("1 param", CanvasModel.costs(1L, 0L));
        assertEquals("", CanvasModel.costs(null, null));
    }

    @Test
    void statusBarShowsLenetTotalsAndItsTrainingMemoryForTheChosenBatchAndOptimizer() {
        GraphSpec lenet = new TemplateService().find("lenet-5").orElseThrow().graph();
        CostBar bar = new CostBar();
        bar.show(10, 9, GraphAnalyzer.analyze(lenet), 0, 0);
        assertEquals("✓ Ready to train", bar.getValidityText());
        bar.show(10, 9, GraphAnalyzer.analyze(lenet), 0, 1);
        assertEquals("✓ Ready to train · 1 warning", bar.getValidityText(), "warnings do not block training, and are counted");
        bar.show(10, 9, GraphAnalyzer.analyze(lenet), 2, 3);
        assertEquals("2 problems · 3 warnings", bar.getValidityText());
        bar.show(10, 9, GraphAnalyzer.analyze(lenet), 0, 0);
        assertEquals("61,706 parameters · 833k FLOPs / sample", bar.getTotalsText());
        assertEquals("Training memory ≈ 2.82 MiB", bar.getMemoryText(), "Adam, batch 32: 2,956,704 bytes (api.md)");

        bar.setTraining(1, "sgd");
        assertEquals(1, bar.getBatchSize());
        assertEquals("sgd", bar.getOptimizer());
        assertTrue(bar.getMemoryText().startsWith("Training memory ≈ "));
        long sgdBatch1 = GraphAnalyzer.analyze(lenet).memory(1, "sgd").totalBytes();
        assertEquals("Training memory ≈ " + CanvasModel.bytes(sgdBatch1), bar.getMemoryText());
    }

    @Test
    void importRefusesWhatIsNotAGraphAndKeepsTheDesign() {
        List<GraphSpec> imported = new ArrayList<>();
        ImportDialog dialog = new ImportDialog(imported::add);

        dialog.setText("{\"nodes\": [");
        dialog.submit();
        assertTrue(dialog.getError().startsWith("Malformed graph JSON"), dialog.getError());

        dialog.setText("{\"format\": \"netwright.graph\", \"version\": 9, \"nodes\": []}");
        dialog.submit();
        assertTrue(dialog.getError().contains("newer than this server understands"), dialog.getError());

        dialog.setText("{\"nodes\": [{\"id\": \"a\", \"type\": \"Input\"}, {\"id\": \"a\", \"type\": \"Dense\"}], \"edges\": []}");
        dialog.submit();
        assertEquals("Two nodes have the id 'a'.", dialog.getError());

        // JSON that is no graph: not taken for an empty design
        dialog.setText("{}");
        dialog.submit();
        assertEquals("Not a graph: 'nodes' and 'edges' must be arrays (see docs/graph-format.md).", dialog.getError());
        dialog.setText("{\"nodes\": [], \"edges\": {}}");
        dialog.submit();
        assertEquals("Not a graph: 'edges' must be an array (see docs/graph-format.md).", dialog.getError());
        dialog.setText("[1, 2]");
        dialog.submit();
        assertEquals("Not a graph: the document must be a JSON object.", dialog.getError());
        dialog.setText("{\"format\": \"onnx\", \"nodes\": [], \"edges\": []}");
        dialog.submit();
        assertEquals("Not a Netwright graph: format is 'onnx', expected 'netwright.graph'.", dialog.getError());
        dialog.setText("{\"version\": -1, \"nodes\": [], \"edges\": []}");
        dialog.submit();
        assertEquals("The graph format version must be a whole number from 1, not -1.", dialog.getError());

        dialog.setText("   ");
        dialog.submit();
        assertTrue(imported.isEmpty());
    }

    @Test
    void importHandsOverAGraphEvenWithProblemsWhichTheCanvasThenShows() {
        List<GraphSpec> imported = new ArrayList<>();
        ImportDialog dialog = new ImportDialog(imported::add);
        GraphSpec lenet = new TemplateService().find("lenet-5").orElseThrow().graph();
        dialog.setText(GraphJson.write(lenet));
        dialog.submit();
        assertNull(dialog.getError());
        assertEquals(List.of(lenet), imported, "export then import gives the same design");

        dialog.setText("{\"nodes\": [{\"id\": \"d\", \"type\": \"Dense\", \"params\": {\"units\": 0}}], \"edges\": []}");
        dialog.submit();
        assertNull(dialog.getError(), "a design with problems is imported; its problems are pinned on the canvas");
        assertEquals(2, imported.size());
    }
}
