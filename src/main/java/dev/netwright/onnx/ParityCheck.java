package dev.netwright.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.netwright.data.Dataset;
import dev.netwright.data.Normalization;
import dev.netwright.data.Split;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;
import dev.netwright.engine.autograd.NoGrad;
import dev.netwright.graph.Network;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Proves an export: runs the ONNX model in ONNX Runtime and the network in the engine (evaluation mode, no autograd)
 * on the same samples and compares every output value.
 * <ul>
 *   <li>absolute difference |onnx − engine|; its maximum is {@link Result#maxAbs()};</li>
 *   <li>relative difference |onnx − engine| / |engine|, over the values with |engine| &gt; {@value #ABS_TOLERANCE}
 *       (smaller ones are judged by the absolute difference alone); its maximum is {@link Result#maxRel()} (0 when
 *       there are none);</li>
 *   <li>the export passes ({@link Result#ok()}) when every value has |onnx − engine| ≤ {@value #ABS_TOLERANCE} +
 *       {@value #REL_TOLERANCE}·|engine|, as numpy's {@code allclose}. Float32 kernels that sum in another order
 *       differ by about 1e-6 relative per layer; the tolerance leaves room for deep networks and unbounded
 *       (regression) outputs while a wrong weight, layout or scaling constant is far outside it.</li>
 * </ul>
 * The samples are raw (unscaled): the engine gets them scaled with the run's {@link Normalization}; ONNX Runtime gets
 * them raw when the model has the scaling built in ({@code netwright.preprocessing.folded}), else scaled too.
 * Pure: no database or service; it leaves the network in evaluation mode.
 */
public final class ParityCheck {
    public static final double ABS_TOLERANCE = 1e-4;
    public static final double REL_TOLERANCE = 1e-3;
    /** The most samples a check runs. */
    public static final int MAX_SAMPLES = 256;

    /**
     * @param maxAbs  largest |onnx − engine| (NaN when ONNX Runtime could not run the model)
     * @param maxRel  largest relative difference (see the class comment)
     * @param samples how many samples were compared
     * @param ok      every value within {@value #ABS_TOLERANCE} + {@value #REL_TOLERANCE}·|engine|
     * @param error   why ONNX Runtime could not run the model; null when it ran
     */
    public record Result(double maxAbs, double maxRel, int samples, boolean ok, String error) {
        /** One line for logs and the run's note. */
        public String describe() {
            if (error != null) return "ONNX Runtime cannot run the exported model: " + error;
            return String.format(Locale.ROOT, "ONNX Runtime vs the engine on %d sample%s: max |diff| %.3g, max relative %.3g "
                            + "(tolerance %.0e + %.0e·|engine|): %s", samples, samples == 1 ? "" : "s", maxAbs, maxRel,
                    ABS_TOLERANCE, REL_TOLERANCE, ok ? "equal" : "DIFFERENT");
        }
    }

    private ParityCheck() {
    }

    /**
     * Up to {@value #MAX_SAMPLES} raw samples to check an export on: the first of the split's validation part, or of
     * its training part when it has no validation part; row-major, {@code data.featureSize()} values each.
     */
    public static float[] sampleInputs(Dataset data, Split split) {
        int[] part = split.validation().length > 0 ? split.validation() : split.train();
        return data.gatherFeatures(part, 0, Math.min(MAX_SAMPLES, part.length));
    }

    /**
     * Compares {@code onnx} with {@code net} on raw samples.
     *
     * @param samples       row-major, a whole number of samples of {@code net.inputShape()} (at most {@value #MAX_SAMPLES}
     *                      are used)
     * @param normalization the scaling the network was trained with; null: none
     * @throws IllegalArgumentException when {@code samples} holds no whole sample
     */
    public static Result run(Network net, byte[] onnx, float[] samples, Normalization normalization) {
        Shape sample = net.inputShape();
        int f = sample.size();
        if (f == 0 || samples.length == 0 || samples.length % f != 0) {
            throw new IllegalArgumentException("A parity check needs whole samples of " + sample + " (" + f + " values each); got "
                    + samples.length + " values");
        }
        int n = Math.min(MAX_SAMPLES, samples.length / f);
        float[] raw = Arrays.copyOf(samples, n * f);
        float[] scaled = raw.clone();
        if (normalization != null) normalization.apply(scaled, n);
        int[] dims = new int[sample.rank() + 1];
        dims[0] = n;
        System.arraycopy(sample.toArray(), 0, dims, 1, sample.rank());

        float[] expected;
        net.train(false);
        try (var ignored = NoGrad.enter()) {
            expected = net.forward(Tensor.of(Shape.of(dims), scaled)).toArray();
        }
        float[] actual;
        try {
            actual = ort(onnx, raw, scaled, normalization != null, Arrays.stream(dims).asLongStream().toArray());
        } catch (OrtException | RuntimeException e) {
            return new Result(Double.NaN, Double.NaN, n, false, e.getMessage() == null ? e.toString() : e.getMessage().strip());
        }
        return compare(expected, actual, n);
    }

    /** The comparison itself; {@code samples} is only reported. */
    static Result compare(float[] expected, float[] actual, int samples) {
        if (expected.length != actual.length) {
            return new Result(Double.NaN, Double.NaN, samples, false, "ONNX Runtime gave " + actual.length + " output values, the engine "
                    + expected.length);
        }
        double maxAbs = 0, maxRel = 0;
        boolean ok = true;
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i], d = Math.abs((double) actual[i] - e);
            if (!(d <= ABS_TOLERANCE + REL_TOLERANCE * Math.abs(e))) ok = false;
            if (Double.isNaN(d)) {
                maxAbs = Double.NaN;
                maxRel = Double.NaN;
                continue;
            }
            maxAbs = Math.max(maxAbs, d);
            if (Math.abs(e) > ABS_TOLERANCE) maxRel = Math.max(maxRel, d / Math.abs(e));
        }
        return new Result(maxAbs, maxRel, samples, ok, null);
    }

    /** The model's first output for the samples: raw ones when it scales its input itself, scaled ones otherwise. */
    private static float[] ort(byte[] onnx, float[] raw, float[] scaled, boolean scaling, long[] shape) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(onnx, options)) {
            boolean folded = scaling && foldsScaling(session.getMetadata().getCustomMetadata());
            String inputName = session.getInputNames().iterator().next();
            try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(folded ? raw : scaled), shape);
                 OrtSession.Result r = session.run(Map.of(inputName, in))) {
                OnnxValue out = r.get(0);
                if (!(out instanceof OnnxTensor t)) throw new IllegalStateException("the model's first output is not a tensor");
                FloatBuffer b = t.getFloatBuffer();
                if (b == null) throw new IllegalStateException("the model's first output is not float32");
                float[] v = new float[b.remaining()];
                b.get(v);
                return v;
            }
        }
    }

    /**
     * Whether a model scales its input itself: {@code netwright.preprocessing.folded}, or for models exported before that
     * key existed, any scaling named in {@code netwright.preprocessing} (they always had it built in).
     */
    static boolean foldsScaling(Map<String, String> metadata) {
        String folded = metadata.get(OnnxExporter.META_PREPROCESSING_FOLDED);
        if (folded != null) return Boolean.parseBoolean(folded);
        String scaling = metadata.get(OnnxExporter.META_PREPROCESSING);
        return scaling != null && !scaling.equals("none");
    }
}
