package dev.netwright.onnx;

import dev.netwright.engine.Rng;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;
import dev.netwright.engine.autograd.NoGrad;
import dev.netwright.engine.optim.Optimizer;
import dev.netwright.engine.optim.Optimizers;
import dev.netwright.graph.EdgeSpec;
import dev.netwright.graph.GraphSpec;
import dev.netwright.graph.Network;
import dev.netwright.graph.NodeSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small networks for the ONNX and serving tests. */
public final class TestNets {
    private TestNets() {
    }

    public static NodeSpec node(String id, String type, Map<String, Object> params) {
        return new NodeSpec(id, type, params, null);
    }

    /** A graph connecting {@code nodes} in a chain, first to last. */
    public static GraphSpec chain(String name, NodeSpec... nodes) {
        List<EdgeSpec> edges = new ArrayList<>();
        for (int i = 1; i < nodes.length; i++) {
            edges.add(new EdgeSpec("e" + i, new EdgeSpec.PortRef(nodes[i - 1].id(), "out"), new EdgeSpec.PortRef(nodes[i].id(), "in")));
        }
        return new GraphSpec(null, 1, name, List.of(nodes), edges);
    }

    /** Input[2] → Dense 4 tanh → Dense 1 sigmoid → Output bce. */
    public static GraphSpec xorSpec() {
        return chain("xor",
                node("in", "Input", Map.of("shape", List.of(2))),
                node("d1", "Dense", Map.of("units", 4, "activation", "tanh")),
                node("d2", "Dense", Map.of("units", 1, "activation", "sigmoid")),
                node("out", "Output", Map.of("loss", "bce")));
    }

    public static final Tensor XOR_X = Tensor.of(Shape.of(4, 2), 0, 0, 0, 1, 1, 0, 1, 1);
    public static final Tensor XOR_Y = Tensor.of(Shape.of(4, 1), 0, 1, 1, 0);

    /** The XOR network trained with Adam for {@code epochs} full-batch steps. */
    public static Network trainedXor(int epochs) {
        Network net = Network.compile(xorSpec(), 1);
        train(net, XOR_X, XOR_Y, epochs, 0.05);
        return net;
    }

    /** Full-batch Adam steps on the network's own loss; leaves it in evaluation mode. */
    public static void train(Network net, Tensor x, Tensor y, int steps, double lr) {
        net.train(true);
        Optimizer opt = Optimizers.create("adam", new ArrayList<>(net.parameters().values()), lr, Map.of());
        for (int e = 0; e < steps; e++) {
            opt.zeroGrad();
            Tensor loss = net.loss().compute(net.forward(x), y);
            loss.backward();
            opt.step();
        }
        net.train(false);
    }

    /** The engine's inference output: evaluation mode, no autograd graph. */
    public static Tensor infer(Network net, Tensor x) {
        net.train(false);
        try (var ignored = NoGrad.enter()) {
            return net.forward(x);
        }
    }

    /** A batch [n, ...perSample] of normal(0, std) values. */
    public static Tensor randomBatch(int n, Shape perSample, float std, long seed) {
        int[] dims = new int[perSample.rank() + 1];
        dims[0] = n;
        System.arraycopy(perSample.toArray(), 0, dims, 1, perSample.rank());
        Shape s = Shape.of(dims);
        Rng rng = new Rng(seed);
        float[] v = new float[s.size()];
        for (int i = 0; i < v.length; i++) v[i] = rng.normal(0, std);
        return Tensor.of(s, v);
    }

    public static long[] longs(Shape s) {
        int[] d = s.toArray();
        long[] out = new long[d.length];
        for (int i = 0; i < d.length; i++) out[i] = d[i];
        return out;
    }

    /** Asserts |actual - expected| <= atol + rtol |expected| element-wise, naming the first offender. */
    public static void assertClose(float[] expected, float[] actual, double atol, double rtol, String what) {
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": expected " + expected.length + " values, got " + actual.length);
        }
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs((double) expected[i] - actual[i]);
            if (!(diff <= atol + rtol * Math.abs(expected[i]))) {
                throw new AssertionError(what + ": element " + i + " differs: expected " + expected[i] + ", got " + actual[i]
                        + " (|diff| " + diff + " > " + atol + " + " + rtol + "·|expected|)");
            }
        }
    }
}
