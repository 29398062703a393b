package dev.netwright.projects;

import dev.netwright.data.BuiltinDatasets;
import dev.netwright.data.Dataset;
import dev.netwright.graph.Network;
import dev.netwright.training.RunConfig;
import dev.netwright.training.Trainer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every built-in template trains on its data set, with its own settings, to a result a user would call solved. */
class TemplatesTrainTest {
    private final TemplateService templates = new TemplateService();

    /** metric: minimum training accuracy, or (for regression) maximum final loss. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"xor, 1.0", "two-spirals, 0.95", "blobs, 0.97", "sine, 0.02", "lenet-5-shapes, 0.95", "mlp-28, 0.95", "vgg-bn, 0.9",
            "resnet-mini, 0.95", "selu-mlp, 0.9", "rnn-sequence, 0.02", "lstm-sequence, 0.01",
            "autoencoder-28, 0.035"})
    void templateReachesItsTarget(String id, double target) {
        Template t = templates.find(id).orElseThrow();
        Dataset data = BuiltinDatasets.find(t.datasetId()).orElseThrow();
        Network net = Network.compile(t.graph(), 1);
        assertEquals(java.util.List.of(), Trainer.compatibility(net, data));
        // the settings the editor's Training form takes from the template, input scaling included
        Trainer.Result r = Trainer.train(net, data, new RunConfig(t.optimizer(), t.learningRate(), t.epochs(), t.batchSize(), 1, null, null,
                t.scalingOrNone(), null), () -> false, e -> { }, 0);
        if (r.accuracy() == null) assertTrue(r.loss() <= target, id + ": loss " + r.loss() + " > " + target);
        else assertTrue(r.accuracy() >= target, id + ": accuracy " + r.accuracy() + " < " + target);
    }
}
