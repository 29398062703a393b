package dev.netwright.training;

import dev.netwright.data.Dataset;
import dev.netwright.data.Normalization;
import dev.netwright.onnx.ExportOptions;
import dev.netwright.onnx.ParityCheck;
import dev.netwright.persistence.ModelVersionEntity;
import dev.netwright.persistence.RunEntity;
import dev.netwright.persistence.TrainedModelEntity;

/**
 * What a finished run's export is written with and what it records: the export options (the design's name and
 * ids, the data set's class names, the scaling), the parity check's numbers on the trained model, and a loud note on
 * the run when the check failed (the run still finishes; the model is flagged).
 */
final class RunExport {
    private RunExport() {
    }

    /** Opset {@value ExportOptions#DEFAULT_OPSET}, the scaling folded in, the design's name, model version and run ids, class names. */
    static ExportOptions options(ModelVersionEntity version, long runId, Dataset data, Normalization normalization) {
        return ExportOptions.defaults().withGraphName(version.name == null ? "netwright" : version.name)
                .withNormalization(normalization).withIds(version.id, runId).withClassLabels(data.classNames());
    }

    /** Stores the opset and the parity check with the model. */
    static void record(TrainedModelEntity m, ExportOptions options, ParityCheck.Result parity) {
        m.exportOpset = options.opset();
        m.parityMaxAbs = parity.maxAbs();
        m.parityMaxRel = parity.maxRel();
        m.paritySamples = parity.samples();
        m.parityOk = parity.ok();
    }

    /** Appends the failed check to the run's note (kept to its 1,000 characters, the warning first when it must be cut). */
    static void flag(RunEntity run, ParityCheck.Result parity) {
        String warning = "WARNING: the exported ONNX model differs from the trained network. " + parity.describe()
                + ". The model is flagged (parity.ok = false); do not deploy it without checking";
        String note = run.note == null ? warning : warning + ". " + run.note;
        run.note = note.length() > 1000 ? note.substring(0, 999) + "…" : note;
    }
}
