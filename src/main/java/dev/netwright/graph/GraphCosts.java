package dev.netwright.graph;

import dev.netwright.engine.Shape;
import dev.netwright.engine.nn.Activation;
import dev.netwright.engine.optim.Optimizers;
import dev.netwright.graph.layer.ActivationLayer;
import dev.netwright.graph.layer.AddLayer;
import dev.netwright.graph.layer.AlphaDropoutLayer;
import dev.netwright.graph.layer.AvgPool1DLayer;
import dev.netwright.graph.layer.AvgPool2DLayer;
import dev.netwright.graph.layer.BatchNormLayer;
import dev.netwright.graph.layer.ConcatLayer;
import dev.netwright.graph.layer.Conv1DLayer;
import dev.netwright.graph.layer.Conv2DLayer;
import dev.netwright.graph.layer.ConvTranspose2DLayer;
import dev.netwright.graph.layer.DenseLayer;
import dev.netwright.graph.layer.DropoutLayer;
import dev.netwright.graph.layer.EmbeddingLayer;
import dev.netwright.graph.layer.FlattenLayer;
import dev.netwright.graph.layer.GRULayer;
import dev.netwright.graph.layer.GaussianNoiseLayer;
import dev.netwright.graph.layer.GlobalAvgPool2DLayer;
import dev.netwright.graph.layer.GlobalMaxPool2DLayer;
import dev.netwright.graph.layer.InputLayer;
import dev.netwright.graph.layer.LSTMLayer;
import dev.netwright.graph.layer.LayerNormLayer;
import dev.netwright.graph.layer.LayerSpec;
import dev.netwright.graph.layer.MaxPool1DLayer;
import dev.netwright.graph.layer.MaxPool2DLayer;
import dev.netwright.graph.layer.MultiplyLayer;
import dev.netwright.graph.layer.OutputLayer;
import dev.netwright.graph.layer.PReLULayer;
import dev.netwright.graph.layer.PerceptronLayer;
import dev.netwright.graph.layer.ReshapeLayer;
import dev.netwright.graph.layer.SimpleRNNLayer;
import dev.netwright.graph.layer.WeightNormDenseLayer;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a design costs: forward FLOPs per node and an estimate of the memory training takes.
 *
 * <p><b>FLOPs</b> are per sample, forward pass only, counted as 2 per multiply-add of a weight product (matrix
 * products, convolutions, recurrent steps): Dense in·units·2, Conv2D oh·ow·filters·(C/groups)·kh·kw·2, an LSTM
 * T·4·units·(F + units)·2. Biases, activations, pooling, normalization and merges count 0 (they are a few per
 * value against hundreds per value for the products). A training step costs about 3× the forward FLOPs per sample.
 *
 * <p><b>Training memory</b> is float32 (4 bytes per value): parameters, their gradients, the optimizer's state
 * (Adam 2 values per parameter, momentum 1, SGD 0), and per sample in the batch every node's output (Flatten,
 * Reshape and Output are views and cost nothing) plus what backward keeps besides it (the pre-activation of a layer
 * with a built-in activation, the normalized input of a norm layer, a dropout mask, the gates and states of every
 * recurrent step). Backend workspaces and the transient gradients of activations are not counted.
 */
public final class GraphCosts {
    /** float32. */
    public static final int BYTES_PER_VALUE = 4;

    private GraphCosts() {
    }

    /**
     * Training memory in bytes for one batch size and optimizer.
     *
     * @param optimizerStateSlots values the optimizer keeps per parameter (Adam 2)
     * @param activationBytes     every node's output for the whole batch
     * @param savedForBackwardBytes what backward keeps besides the outputs, for the whole batch
     */
    public record MemoryEstimate(int batchSize, String optimizer, long parameters, long parameterBytes, long gradientBytes,
                                 int optimizerStateSlots, long optimizerStateBytes, long activationBytes,
                                 long savedForBackwardBytes, long totalBytes) {
    }

    // ***** FLOPs *****

    /** Forward FLOPs of one sample through {@code layer} (see the class comment for the convention). */
    public static long flops(LayerSpec layer, List<Shape> inputs, Shape output) {
        return 2 * multiplyAdds(layer, inputs, output);
    }

    private static long multiplyAdds(LayerSpec layer, List<Shape> in, Shape out) {
        return switch (layer) {
            case DenseLayer l -> (long) in.getFirst().dim(0) * l.units();
            case PerceptronLayer l -> (long) in.getFirst().dim(0) * l.units();
            case WeightNormDenseLayer l -> (long) in.getFirst().dim(0) * l.units();
            case Conv1DLayer l -> (long) out.size() * (in.getFirst().dim(0) / l.groups()) * l.kernel();
            case Conv2DLayer l -> (long) out.size() * (in.getFirst().dim(0) / l.groups()) * l.kernel()[0] * l.kernel()[1];
            // every input value scatters its kernel into every output channel
            case ConvTranspose2DLayer l -> (long) in.getFirst().size() * l.filters() * l.kernel()[0] * l.kernel()[1];
            case SimpleRNNLayer l -> recurrent(in.getFirst(), 1, l.units());
            case LSTMLayer l -> recurrent(in.getFirst(), 4, l.units());
            case GRULayer l -> recurrent(in.getFirst(), 3, l.units());
            case InputLayer _, OutputLayer _, FlattenLayer _, ReshapeLayer _, EmbeddingLayer _, ActivationLayer _, PReLULayer _,
                 MaxPool1DLayer _, MaxPool2DLayer _, AvgPool1DLayer _, AvgPool2DLayer _, GlobalAvgPool2DLayer _, GlobalMaxPool2DLayer _,
                 BatchNormLayer _, LayerNormLayer _, DropoutLayer _, AlphaDropoutLayer _, GaussianNoiseLayer _,
                 ConcatLayer _, AddLayer _, MultiplyLayer _ -> 0;
        };
    }

    /** T steps of gates·units·(F + units): input and recurrent weights of every gate. */
    private static long recurrent(Shape in, int gates, int units) {
        return (long) in.dim(0) * gates * units * (in.dim(1) + units);
    }

    // ***** memory *****

    /**
     * Training memory of the analysed design for {@code batchSize} samples per step and {@code optimizer} (an id of
     * the training form: "adam", "sgd", "momentum", ...; "least_squares" and "perceptron" keep no gradients).
     * Nodes whose shape is unknown (after an error) count nothing.
     *
     * @throws IllegalArgumentException for a batch size below 1 or an unknown optimizer
     */
    public static MemoryEstimate estimate(GraphAnalysis analysis, int batchSize, String optimizer) {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1. Received: " + batchSize);
        String opt = optimizer == null ? "adam" : optimizer.trim().toLowerCase(Locale.ROOT);
        boolean gradients = !opt.equals("least_squares") && !opt.equals("perceptron");
        int slots = gradients ? Optimizers.create(opt, List.of(), 0.01, null).kernel().stateBuffers() : 0;

        long params = analysis.totalParameters();
        long stored = 0, saved = 0;
        for (Map.Entry<String, Shape> e : analysis.nodeShapes().entrySet()) {
            LayerSpec layer = analysis.layers().get(e.getKey());
            List<Shape> in = analysis.inputShapes().getOrDefault(e.getKey(), List.of());
            if (layer == null) continue;
            stored += storedValues(layer, e.getValue());
            if (gradients) saved += savedValues(layer, in, e.getValue());
        }
        long b = BYTES_PER_VALUE;
        long paramBytes = params * b, gradBytes = gradients ? params * b : 0, stateBytes = slots * params * b;
        long actBytes = stored * batchSize * b, savedBytes = saved * batchSize * b;
        return new MemoryEstimate(batchSize, opt, params, paramBytes, gradBytes, slots, stateBytes, actBytes, savedBytes,
                paramBytes + gradBytes + stateBytes + actBytes + savedBytes);
    }

    /** Values of one sample's output that the node allocates (views allocate none). */
    private static long storedValues(LayerSpec layer, Shape out) {
        return switch (layer) {
            case FlattenLayer _, ReshapeLayer _, OutputLayer _ -> 0;
            case ActivationLayer a when a.kind() == Activation.Kind.IDENTITY -> 0;
            default -> out.size();
        };
    }

    /** Values of one sample that backward needs besides the node's inputs and output. */
    private static long savedValues(LayerSpec layer, List<Shape> in, Shape out) {
        return switch (layer) {
            case DenseLayer l -> l.activation() == Activation.Kind.IDENTITY ? 0 : out.size();
            case WeightNormDenseLayer l -> l.activation() == Activation.Kind.IDENTITY ? 0 : out.size();
            case Conv1DLayer l -> l.activation() == Activation.Kind.IDENTITY ? 0 : out.size();
            case Conv2DLayer l -> l.activation() == Activation.Kind.IDENTITY ? 0 : out.size();
            case ConvTranspose2DLayer l -> l.activation() == Activation.Kind.IDENTITY ? 0 : out.size();
            case BatchNormLayer _, LayerNormLayer _, DropoutLayer _, AlphaDropoutLayer _ -> out.size();
            // per step: the hidden state; LSTM also its 4 gates and the cell; GRU its 3 gates
            case SimpleRNNLayer l -> (long) in.getFirst().dim(0) * l.units();
            case LSTMLayer l -> (long) in.getFirst().dim(0) * l.units() * 6;
            case GRULayer l -> (long) in.getFirst().dim(0) * l.units() * 4;
            default -> 0;
        };
    }
}
