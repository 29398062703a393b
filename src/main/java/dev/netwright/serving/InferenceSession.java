package dev.netwright.serving;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One ONNX model loaded into ONNX Runtime, for models with one float32 input and (at least) one float32
 * output; the first output is returned. Input and output names and shapes come from the model.
 * <p>{@link #run} may be called from several threads at once; {@link #close()} waits for running calls.
 * ONNX Runtime failures surface as {@link ServingException}, bad input as {@link IllegalArgumentException}.
 * <pre>
 * try (var s = InferenceSession.load(bytes)) {
 *     float[][] y = s.run(new float[][]{{0, 1}, {1, 1}});
 * }
 * </pre>
 */
public final class InferenceSession implements AutoCloseable {
    private final OrtEnvironment env;
    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    private final String inputName;
    private final String outputName;
    private final long[] inputShape;
    private final String[] inputDims;
    private final long[] outputShape;
    private final String[] outputDims;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private InferenceSession(OrtEnvironment env, OrtSession.SessionOptions options, OrtSession session) throws OrtException {
        this.env = env;
        this.options = options;
        this.session = session;
        Map<String, NodeInfo> inputs = session.getInputInfo();
        if (inputs.size() != 1) {
            throw new ServingException("Only models with exactly 1 input can be served; this one has " + inputs.keySet());
        }
        NodeInfo in = inputs.values().iterator().next();
        NodeInfo out = session.getOutputInfo().values().iterator().next();
        TensorInfo inInfo = floatTensor(in, "input");
        TensorInfo outInfo = floatTensor(out, "output");
        this.inputName = in.getName();
        this.outputName = out.getName();
        this.inputShape = inInfo.getShape();
        this.inputDims = inInfo.getDimensionNames();
        this.outputShape = outInfo.getShape();
        this.outputDims = outInfo.getDimensionNames();
    }

    /** Loads a serialized ONNX model; throws {@link ServingException} if ONNX Runtime rejects it. */
    public static InferenceSession load(byte[] onnx) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = null;
        try {
            session = env.createSession(onnx, options);
            return new InferenceSession(env, options, session);
        } catch (OrtException | RuntimeException e) {
            RuntimeException failure = e instanceof ServingException se ? se
                    : new ServingException("ONNX Runtime could not load the model: " + e.getMessage(), e);
            try {
                closeSession(session);
            } catch (RuntimeException suppressed) {
                failure.addSuppressed(suppressed);
            }
            options.close();
            throw failure;
        }
    }

    public String inputName() {
        return inputName;
    }

    public String outputName() {
        return outputName;
    }

    /** The model's input shape; symbolic dimensions (the batch) are -1. */
    public long[] inputShape() {
        return inputShape.clone();
    }

    /** The model's output shape; symbolic dimensions are -1. */
    public long[] outputShape() {
        return outputShape.clone();
    }

    /** The input shape as users read it, symbolic dimensions by name: {@code [N, 2]}. */
    public String describeInput() {
        return describe(inputShape, inputDims);
    }

    public String describeOutput() {
        return describe(outputShape, outputDims);
    }

    /**
     * Runs a batch of vectors, one row per sample, for models whose input is [batch, width]; returns one
     * row per sample, each the sample's output flattened.
     */
    public float[][] run(float[][] rows) {
        if (inputShape.length != 2) {
            throw new IllegalArgumentException("This model's input is " + describeInput()
                    + ", not a batch of vectors; call run(float[], long[])");
        }
        if (rows.length == 0) return new float[0][];
        int width = rows[0].length;
        for (int i = 1; i < rows.length; i++) {
            if (rows[i].length != width) {
                throw new IllegalArgumentException("All rows must have the same length: row 0 has " + width
                        + " values, row " + i + " has " + rows[i].length);
            }
        }
        if (inputShape[1] >= 0 && inputShape[1] != width) {
            throw new IllegalArgumentException("expected input of shape " + describeInput() + ", got ["
                    + dimLabel(inputShape[0], inputDims[0]) + ", " + width + "]");
        }
        float[] flat = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, flat, i * width, width);
        TensorData y = run(flat, new long[]{rows.length, width});
        int per = y.data().length / rows.length;
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) out[i] = Arrays.copyOfRange(y.data(), i * per, (i + 1) * per);
        return out;
    }

    /** Runs one input tensor given as row-major {@code data} with its full {@code shape} (batch first). */
    public TensorData run(float[] data, long[] shape) {
        check(data, shape);
        lock.readLock().lock();
        try {
            if (closed) throw new IllegalStateException("The inference session is closed");
            try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
                 OrtSession.Result result = session.run(Map.of(inputName, x))) {
                OnnxValue value = result.get(outputName)
                        .orElseThrow(() -> new ServingException("The model produced no output '" + outputName + "'"));
                if (!(value instanceof OnnxTensor y)) throw new ServingException("Output '" + outputName + "' is not a tensor");
                FloatBuffer buf = y.getFloatBuffer();
                float[] out = new float[buf.remaining()];
                buf.get(out);
                return new TensorData(out, y.getInfo().getShape());
            } catch (OrtException e) {
                throw new ServingException("ONNX Runtime failed on input " + Arrays.toString(shape) + ": " + e.getMessage(), e);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    public boolean isClosed() {
        lock.readLock().lock();
        try {
            return closed;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Releases the native session; waits for running calls. Idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) return;
            closed = true;
            closeSession(session);
            options.close();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void check(float[] data, long[] shape) {
        boolean fits = shape.length == inputShape.length;
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) throw new IllegalArgumentException("Shape dimensions must be >= 0, got " + Arrays.toString(shape));
            if (fits && inputShape[i] >= 0 && inputShape[i] != shape[i]) fits = false;
            n *= shape[i];
        }
        if (!fits) {
            throw new IllegalArgumentException("expected input of shape " + describeInput() + ", got " + Arrays.toString(shape));
        }
        if (n != data.length) {
            throw new IllegalArgumentException("Input shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }
    }

    private static TensorInfo floatTensor(NodeInfo node, String role) {
        if (!(node.getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT) {
            throw new ServingException("Only float32 tensors can be served; " + role + " '" + node.getName() + "' is " + node.getInfo());
        }
        return t;
    }

    private static String describe(long[] shape, String[] names) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < shape.length; i++) parts.add(dimLabel(shape[i], names[i]));
        return "[" + String.join(", ", parts) + "]";
    }

    private static String dimLabel(long size, String name) {
        if (size >= 0) return Long.toString(size);
        return name == null || name.isEmpty() ? "?" : name;
    }

    private static void closeSession(OrtSession session) {
        if (session == null) return;
        try {
            session.close();
        } catch (OrtException e) {
            throw new ServingException("ONNX Runtime could not close the session: " + e.getMessage(), e);
        }
    }
}
