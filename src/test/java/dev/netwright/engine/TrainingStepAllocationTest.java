package dev.netwright.engine;

import dev.netwright.engine.backend.cpu.CpuBackend;
import dev.netwright.engine.backend.cpu.CpuThreads;
import dev.netwright.engine.loss.Loss;
import dev.netwright.engine.nn.Activation;
import dev.netwright.engine.nn.Conv2d;
import dev.netwright.engine.nn.Flatten;
import dev.netwright.engine.nn.Init;
import dev.netwright.engine.nn.Linear;
import dev.netwright.engine.nn.MaxPool2d;
import dev.netwright.engine.nn.Module;
import dev.netwright.engine.optim.Optimizer;
import dev.netwright.engine.optim.Optimizers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The training loop of {@link TensorScope} allocates no arrays per step: inputs refilled in place, activations,
 * saved values and temporaries handed back to the backend's pool when the step's scope closes. Measured with the
 * JVM's per-thread allocation counter on one kernel thread (so every allocation is this thread's), after warm-up,
 * as the smallest of several windows (a window that catches the JIT compiling a kernel allocates boxed vectors).
 */
class TrainingStepAllocationTest {
    /**
     * Bytes per step allowed for the small objects an op still makes (tensor, shape, gradient-rule closure, a few
     * stride arrays): about 2 KB for the MLP and 4 KB for the conv net. The plain loop allocates 107 and 465 KB.
     */
    private static final long BOUND = 8 * 1024;

    private int savedThreads;

    @BeforeEach
    void oneKernelThread() {
        savedThreads = CpuThreads.threads();
        CpuThreads.setThreads(1);
    }

    @AfterEach
    void restoreThreads() {
        CpuThreads.setThreads(savedThreads);
    }

    /** A feed-forward net, its optimizer and a fixed data set of {@code batches} batches. */
    private record Net(List<Module> layers, Optimizer opt, Shape input, int batch, float[] x, float[] t, int batches) {
        Tensor forward(Tensor in) {
            for (Module m : layers) in = m.forward(in);
            return in;
        }

        int inputSize() {
            return input.size();
        }

        List<Tensor> params() {
            List<Tensor> p = new ArrayList<>();
            for (Module m : layers) p.addAll(m.parameters().values());
            return p;
        }
    }

    /** 196-128-64-10 with ReLU and Adam, batch 32. */
    private static Net mlp() {
        Rng rng = new Rng(7);
        Activation relu = new Activation(Activation.Kind.RELU);
        List<Module> layers = List.of(new Linear(196, 128, true, Init.HE_UNIFORM, rng), relu,
                new Linear(128, 64, true, Init.HE_UNIFORM, rng), relu, new Linear(64, 10, true, Init.HE_UNIFORM, rng));
        return net(layers, Optimizers.create("adam", params(layers), 1e-3, Map.of()), Shape.of(32, 196), rng);
    }

    /** conv 3x3 8 pad 1, ReLU, max-pool 2, conv 3x3 16, ReLU, max-pool 2, 64-10; SGD with momentum, batch 16 of 1x14x14. */
    private static Net convNet() {
        Rng rng = new Rng(11);
        Activation relu = new Activation(Activation.Kind.RELU);
        int[] one = {1, 1};
        List<Module> layers = List.of(
                new Conv2d(1, 8, new int[]{3, 3}, one, one, one, 1, true, Init.HE_UNIFORM, rng), relu, new MaxPool2d(2),
                new Conv2d(8, 16, new int[]{3, 3}, one, new int[]{0, 0}, one, 1, true, Init.HE_UNIFORM, rng), relu,
                new MaxPool2d(2), new Flatten(), new Linear(64, 10, true, Init.HE_UNIFORM, rng));
        return net(layers, Optimizers.create("momentum", params(layers), 0.01, Map.of("momentum", 0.9)),
                Shape.of(16, 1, 14, 14), rng);
    }

    private static List<Tensor> params(List<Module> layers) {
        List<Tensor> p = new ArrayList<>();
        for (Module m : layers) p.addAll(m.parameters().values());
        return p;
    }

    private static Net net(List<Module> layers, Optimizer opt, Shape input, Rng rng) {
        int batches = 8, b = input.dim(0);
        float[] x = new float[batches * input.size()], t = new float[batches * b];
        for (int i = 0; i < x.length; i++) x[i] = rng.uniform(0, 1);
        for (int i = 0; i < t.length; i++) t[i] = rng.nextInt(10);
        return new Net(layers, opt, input, b, x, t, batches);
    }

    /** The loop of {@link TensorScope}'s documentation; returns the loss and copies the outputs into {@code out}. */
    private static final class ScopedLoop {
        final Net net;
        final Tensor x;
        final Tensor t;

        ScopedLoop(Net net) {
            this.net = net;
            this.x = Tensor.zeros(net.input);
            this.t = Tensor.zeros(net.batch);
        }

        float step(int i, float[] out) {
            int k = i % net.batches;
            x.copyFrom(net.x, k * net.inputSize());
            t.copyFrom(net.t, k * net.batch);
            try (TensorScope ignored = TensorScope.open()) {
                net.opt.zeroGrad();
                Tensor y = net.forward(x);
                Tensor l = Loss.CROSS_ENTROPY.compute(y, t);
                float lv = l.item();
                l.backward();
                net.opt.step();
                if (out != null) y.copyTo(out, 0);
                return lv;
            }
        }
    }

    /** The plain loop: new input tensors every step, no scope (every buffer is garbage after the step). */
    private static float plainStep(Net net, int i, float[] out) {
        int k = i % net.batches;
        float[] xb = java.util.Arrays.copyOfRange(net.x, k * net.inputSize(), (k + 1) * net.inputSize());
        float[] tb = java.util.Arrays.copyOfRange(net.t, k * net.batch, (k + 1) * net.batch);
        Tensor y = net.forward(Tensor.of(net.input, xb));
        Tensor l = Loss.CROSS_ENTROPY.compute(y, Tensor.of(Shape.of(net.batch), tb));
        net.opt.zeroGrad();
        l.backward();
        net.opt.step();
        if (out != null) System.arraycopy(y.toArray(), 0, out, 0, out.length);
        return l.item();
    }

    private static com.sun.management.ThreadMXBean threadBean() {
        boolean supported = ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled();
        assumeTrue(supported, "this JVM does not count allocated bytes per thread");
        return (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    }

    /** The fewest bytes per step over windows of 20 steps after warm-up; stops at the first window below BOUND. */
    private static double leastBytesPerStep(java.util.function.IntConsumer step, int warmup, int maxWindows) {
        com.sun.management.ThreadMXBean bean = threadBean();
        int i = 0;
        for (; i < warmup; i++) step.accept(i);
        double least = Double.MAX_VALUE;
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (int w = 0; w < maxWindows && System.nanoTime() < deadline; w++) {
            long before = bean.getCurrentThreadAllocatedBytes();
            for (int s = 0; s < 20; s++) step.accept(i++);
            least = Math.min(least, (bean.getCurrentThreadAllocatedBytes() - before) / 20.0);
            if (least < BOUND) break;
        }
        return least;
    }

    private static void assertStepAllocatesNoArrays(java.util.function.Supplier<Net> build) {
        ScopedLoop loop = new ScopedLoop(build.get());
        double scoped = leastBytesPerStep(i -> loop.step(i, null), 300, 100);
        Net plainNet = build.get();
        double plain = leastBytesPerStep(i -> plainStep(plainNet, i, null), 20, 5);
        assertTrue(scoped < BOUND, String.format("a training step inside a TensorScope allocated %.0f bytes (at least, "
                + "over windows of 20 steps); expected < %d (the plain loop: %.0f)", scoped, BOUND, plain));
        // the measurement sees arrays: without the scope the same step allocates its activations again
        assertTrue(plain > 4 * BOUND, String.format("the plain loop allocated only %.0f bytes per step", plain));
        assertEquals(0, TensorScope.ownedBuffers(), "every scope closed");
    }

    @Test
    void anMlpTrainingStepAllocatesNoArrays() {
        assertStepAllocatesNoArrays(TrainingStepAllocationTest::mlp);
    }

    @Test
    void aConvNetTrainingStepAllocatesNoArrays() {
        assertStepAllocatesNoArrays(TrainingStepAllocationTest::convNet);
    }

    /** 20 steps of the same net, plain and scoped: the same losses, outputs and parameters, bit for bit. */
    private static void assertReleasingChangesNothing(java.util.function.Supplier<Net> build) {
        Net plain = build.get(), scoped = build.get();
        ScopedLoop loop = new ScopedLoop(scoped);
        int outputs = plain.batch * 10;
        float[] yPlain = new float[outputs], yScoped = new float[outputs];
        for (int i = 0; i < 20; i++) {
            float a = plainStep(plain, i, yPlain), b = loop.step(i, yScoped);
            assertEquals(Float.floatToRawIntBits(a), Float.floatToRawIntBits(b), "loss of step " + i + ": " + a + " vs " + b);
            for (int j = 0; j < outputs; j++) {
                assertEquals(Float.floatToRawIntBits(yPlain[j]), Float.floatToRawIntBits(yScoped[j]), "output " + j + " of step " + i);
            }
        }
        List<Tensor> pp = plain.params(), ps = scoped.params();
        for (int k = 0; k < pp.size(); k++) {
            float[] a = pp.get(k).toArray(), b = ps.get(k).toArray();
            for (int j = 0; j < a.length; j++) {
                assertEquals(Float.floatToRawIntBits(a[j]), Float.floatToRawIntBits(b[j]), "parameter " + k + " value " + j);
            }
        }
        assertEquals(0, TensorScope.ownedBuffers(), "every scope closed");
        assertTrue(CpuBackend.INSTANCE.pooledFloats() > 0, "the scoped steps handed their buffers back");
    }

    @Test
    void releasingAnMlpStepChangesNoResult() {
        assertReleasingChangesNothing(TrainingStepAllocationTest::mlp);
    }

    @Test
    void releasingAConvNetStepChangesNoResult() {
        assertReleasingChangesNothing(TrainingStepAllocationTest::convNet);
    }
}
