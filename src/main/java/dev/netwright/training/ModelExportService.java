package dev.netwright.training;

import dev.netwright.data.Dataset;
import dev.netwright.data.Normalization;
import dev.netwright.datasets.DatasetService;
import dev.netwright.graph.Network;
import dev.netwright.onnx.ExportOptions;
import dev.netwright.onnx.OnnxExporter;
import dev.netwright.onnx.OnnxImportException;
import dev.netwright.onnx.OnnxImporter;
import dev.netwright.onnx.ParityCheck;
import dev.netwright.persistence.JsonColumns;
import dev.netwright.persistence.ModelVersionEntity;
import dev.netwright.persistence.ModelVersionRepository;
import dev.netwright.persistence.RunEntity;
import dev.netwright.persistence.RunRepository;
import dev.netwright.persistence.TrainedModelEntity;
import dev.netwright.persistence.TrainedModelRepository;
import dev.netwright.persistence.NotFoundException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Exports a finished run's model again with other {@link ExportOptions} (opset, scaling folded or not). The run keeps
 * its model as ONNX only, so the network is rebuilt from it: {@link OnnxImporter} turns the stored model into a
 * design with its weights, which is compiled and exported with the new options. Two parity checks on the run's
 * validation samples (else training samples) prove it: the rebuilt network against the stored model (the import
 * lost nothing) and against the new export.
 */
@ApplicationScoped
public class ModelExportService {
    /**
     * A re-export.
     *
     * @param onnx        the new model
     * @param options     what it was written with
     * @param parity      the new model vs the rebuilt network
     * @param storedParity the stored model vs the rebuilt network
     */
    public record Export(byte[] onnx, ExportOptions options, ParityCheck.Result parity, ParityCheck.Result storedParity) {
        /** Both checks passed. */
        public boolean ok() {
            return parity.ok() && storedParity.ok();
        }
    }

    private final RunRepository runs;
    private final TrainedModelRepository models;
    private final ModelVersionRepository versions;
    private final DatasetService datasets;
    private final TrainingService training;
    private final JsonColumns json;

    public ModelExportService(RunRepository runs, TrainedModelRepository models, ModelVersionRepository versions,
                              DatasetService datasets, TrainingService training, JsonColumns json) {
        this.runs = runs;
        this.models = models;
        this.versions = versions;
        this.datasets = datasets;
        this.training = training;
        this.json = json;
    }

    /**
     * Re-exports run {@code runId}'s model.
     *
     * @param opset             null: {@value ExportOptions#DEFAULT_OPSET}
     * @param foldPreprocessing null: true
     * @throws NotFoundException                            unknown run
     * @throws RunStateException                            the run has no model (it has not finished), or its network cannot
     *                                                      be rebuilt from the stored ONNX file (a step activation)
     * @throws IllegalArgumentException                     an opset outside 13..21
     * @throws dev.netwright.onnx.UnsupportedOpsetException a layer's op needs a later opset (each named)
     */
    public Export reexport(long runId, Integer opset, Boolean foldPreprocessing) {
        ExportOptions requested = ExportOptions.defaults().withOpset(opset == null ? ExportOptions.DEFAULT_OPSET : opset)
                .withFoldPreprocessing(foldPreprocessing == null || foldPreprocessing);
        record Stored(RunEntity run, TrainedModelEntity model, ModelVersionEntity version) {
        }
        Stored s = QuarkusTransaction.requiringNew().call(() -> {
            RunEntity run = runs.findByIdOptional(runId).orElseThrow(() -> new NotFoundException("Run", runId));
            TrainedModelEntity m = run.trainedModelId == null ? null : models.findById(run.trainedModelId);
            if (m == null) {
                throw new RunStateException("Run " + runId + " is " + run.status + " and has no trained model to export");
            }
            return new Stored(run, m, versions.findById(run.modelVersionId));
        });
        Normalization normalization = s.model().preprocessingJson == null ? null
                : json.read(s.model().preprocessingJson, Normalization.class, "input scaling");
        Dataset data = datasets.load(s.run().datasetId);
        RunConfig config = json.read(s.run().configJson, RunConfig.class, "run configuration");
        float[] samples = ParityCheck.sampleInputs(data, training.splitOf(s.run().datasetId, config));

        Network net;
        if (s.model().weights != null && s.version() != null) {
            // the trained weights kept with the model: every layer exports again, step activations included
            net = Network.compile(dev.netwright.projects.GraphJson.parse(s.version().graphJson), 0);
            dev.netwright.graph.WeightsCodec.decode(s.model().weights).loadInto(net);
        } else {
            // models saved before the weights were kept: rebuild the network from the stored ONNX file
            OnnxImporter.ImportedGraph imported;
            try {
                imported = OnnxImporter.importModel(s.model().onnx);
            } catch (OnnxImportException e) {
                throw new RunStateException("Run " + runId + "'s model cannot be exported again: its network cannot be rebuilt from the "
                        + "stored ONNX file (" + String.join("; ", e.problems()) + "). The stored model (opset "
                        + (s.model().exportOpset == null ? ExportOptions.DEFAULT_OPSET : s.model().exportOpset) + ") is at GET /api/models/"
                        + s.model().id + "/onnx");
            }
            net = Network.compile(imported.graph(), 0);
            net.load(imported.parameters(), imported.buffers());
        }
        ExportOptions options = requested.withGraphName(s.version() == null ? null : s.version().name).withNormalization(normalization)
                .withIds(s.run().modelVersionId, runId).withClassLabels(data.classNames());
        byte[] onnx = OnnxExporter.export(net, options);
        return new Export(onnx, options, ParityCheck.run(net, onnx, samples, normalization),
                ParityCheck.run(net, s.model().onnx, samples, normalization));
    }
}
