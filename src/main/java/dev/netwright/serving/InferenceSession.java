package dev.netwright.serving;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One ONNX model loaded into ONNX Runtime. Two ways to call it:
 * <ul>
 *   <li>{@link #run(Map)}: named input tensors of any numeric or bool element type, all tensor outputs back;</li>
 *   <li>{@link #run(float[][])} and {@link #run(float[], long[])}: for models with one float32 input and a float32
 *       first output; the first output is returned.</li>
 * </ul>
 * <p>{@link #run} may be called from several threads at once ({@code OrtSession.run} is thread-safe); {@link #close()}
 * waits for running calls. ONNX Runtime failures surface as {@link ServingException}, bad input as
 * {@link IllegalArgumentException}.
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
    private final Map<String, NodeInfo> inputs;
    private final Map<String, NodeInfo> outputs;
    private final String inputName;
    private final String outputName;
    /** The first input's shape and dimension names; empty when it is not a tensor. */
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
        this.inputs = session.getInputInfo();
        this.outputs = session.getOutputInfo();
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new ServingException("The model has " + inputs.size() + " inputs and " + outputs.size() + " outputs; it needs at least one of each");
        }
        NodeInfo in = inputs.values().iterator().next();
        NodeInfo out = outputs.values().iterator().next();
        this.inputName = in.getName();
        this.outputName = out.getName();
        this.inputShape = in.getInfo() instanceof TensorInfo t ? t.getShape() : new long[0];
        this.inputDims = in.getInfo() instanceof TensorInfo t ? t.getDimensionNames() : new String[0];
        this.outputShape = out.getInfo() instanceof TensorInfo t ? t.getShape() : new long[0];
        this.outputDims = out.getInfo() instanceof TensorInfo t ? t.getDimensionNames() : new String[0];
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

    /** The first input's shape; symbolic dimensions (the batch) are -1. */
    public long[] inputShape() {
        return inputShape.clone();
    }

    /** The first output's shape; symbolic dimensions are -1. */
    public long[] outputShape() {
        return outputShape.clone();
    }

    /** The first input's shape as users read it, symbolic dimensions by name: {@code [N, 2]}. */
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
        requireSingleFloat();
        if (inputShape.length != 2) {
            throw new IllegalArgumentException("This model's input '" + inputName + "' is " + describeInput()
                    + ", not a batch of vectors; send it as a named tensor: {\"inputs\": {\"" + inputName
                    + "\": {\"shape\": [...], \"data\": [...]}}}");
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
        requireSingleFloat();
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

    /**
     * Runs the model on named input tensors, converting each input's values to its element type (float32, float64,
     * int8, int16, int32, int64, uint8, bool); returns every tensor output by name, in model order. Non-tensor outputs
     * (sequences, maps) are not computed.
     *
     * @throws IllegalArgumentException for an unknown or missing input, an element type that JSON cannot feed, a
     *                                  value that does not fit an integer input, or a value count that is not the
     *                                  shape's
     */
    public Map<String, TensorValue> run(Map<String, InputTensor> given) {
        for (String name : inputs.keySet()) {
            if (!given.containsKey(name)) throw new IllegalArgumentException("missing input '" + name + "'; the model's inputs are " + inputs.keySet());
        }
        Set<String> wanted = new LinkedHashSet<>();
        outputs.forEach((name, info) -> {
            if (info.getInfo() instanceof TensorInfo) wanted.add(name);
        });
        lock.readLock().lock();
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        try {
            if (closed) throw new IllegalStateException("The inference session is closed");
            for (var e : given.entrySet()) {
                NodeInfo info = inputs.get(e.getKey());
                if (info == null) throw new IllegalArgumentException("unknown input '" + e.getKey() + "'; the model's inputs are " + inputs.keySet());
                feed.put(e.getKey(), tensor(e.getKey(), info, e.getValue()));
            }
            try (OrtSession.Result result = session.run(feed, wanted)) {
                Map<String, TensorValue> out = new LinkedHashMap<>();
                for (String name : wanted) {
                    OnnxValue value = result.get(name).orElseThrow(() -> new ServingException("The model produced no output '" + name + "'"));
                    if (!(value instanceof OnnxTensor y)) throw new ServingException("Output '" + name + "' is not a tensor");
                    out.put(name, new TensorValue(y.getInfo().getShape(), values(name, y)));
                }
                return out;
            }
        } catch (OrtException e) {
            List<String> shapes = given.entrySet().stream().map(x -> x.getKey() + " " + Arrays.toString(x.getValue().shape())).toList();
            throw new ServingException("ONNX Runtime failed on " + shapes + ": " + e.getMessage(), e);
        } finally {
            feed.values().forEach(OnnxTensor::close);
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

    /** The rows and flat calls feed one float32 tensor and read a float32 first output. */
    private void requireSingleFloat() {
        boolean ok = inputs.size() == 1
                && inputs.get(inputName).getInfo() instanceof TensorInfo in && in.type == OnnxJavaType.FLOAT
                && outputs.get(outputName).getInfo() instanceof TensorInfo out && out.type == OnnxJavaType.FLOAT;
        if (!ok) {
            throw new IllegalArgumentException("Rows of numbers fit models with one float32 input and a float32 output; this one has inputs "
                    + describe(inputs) + " and outputs " + describe(outputs)
                    + ". Send named tensors: {\"inputs\": {\"" + inputName + "\": {\"shape\": [...], \"data\": [...]}}}");
        }
    }

    private static String describe(Map<String, NodeInfo> nodes) {
        List<String> parts = new ArrayList<>();
        nodes.forEach((name, node) -> parts.add(name + ": " + (node.getInfo() instanceof TensorInfo t
                ? t.type.name().toLowerCase(Locale.ROOT) + describe(t.getShape(), t.getDimensionNames()) : node.getInfo().toString())));
        return parts.toString();
    }

    /** An ORT tensor of the input's element type holding {@code x}'s values. */
    private OnnxTensor tensor(String name, NodeInfo info, InputTensor x) throws OrtException {
        if (!(info.getInfo() instanceof TensorInfo t)) {
            throw new IllegalArgumentException("input '" + name + "' is " + info.getInfo() + ", not a tensor; it cannot be fed from JSON");
        }
        double[] v = x.data();
        long n = 1;
        for (long d : x.shape()) n *= d;
        if (n != v.length) {
            throw new IllegalArgumentException("input '" + name + "' has shape " + Arrays.toString(x.shape()) + ", which holds " + n + " values; got " + v.length);
        }
        long[] shape = x.shape();
        return switch (t.onnxType) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> {
                float[] f = new float[v.length];
                for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
                yield OnnxTensor.createTensor(env, FloatBuffer.wrap(f), shape);
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> OnnxTensor.createTensor(env, DoubleBuffer.wrap(v.clone()), shape);
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> {
                long[] l = new long[v.length];
                for (int i = 0; i < v.length; i++) l[i] = integer(name, "int64", v, i, -(1L << 53), 1L << 53);
                yield OnnxTensor.createTensor(env, LongBuffer.wrap(l), shape);
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> {
                int[] a = new int[v.length];
                for (int i = 0; i < v.length; i++) a[i] = (int) integer(name, "int32", v, i, Integer.MIN_VALUE, Integer.MAX_VALUE);
                yield OnnxTensor.createTensor(env, IntBuffer.wrap(a), shape);
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16 -> {
                short[] a = new short[v.length];
                for (int i = 0; i < v.length; i++) a[i] = (short) integer(name, "int16", v, i, Short.MIN_VALUE, Short.MAX_VALUE);
                yield OnnxTensor.createTensor(env, ShortBuffer.wrap(a), shape);
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8 -> bytes(name, "int8", v, shape, Byte.MIN_VALUE, Byte.MAX_VALUE, OnnxJavaType.INT8);
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> bytes(name, "uint8", v, shape, 0, 255, OnnxJavaType.UINT8);
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> bytes(name, "bool (0 or 1)", v, shape, 0, 1, OnnxJavaType.BOOL);
            default -> throw new IllegalArgumentException("input '" + name + "' has element type " + t.onnxType
                    + "; predict feeds float32, float64, int8, int16, int32, int64, uint8 and bool inputs");
        };
    }

    private OnnxTensor bytes(String name, String type, double[] v, long[] shape, long min, long max, OnnxJavaType javaType) throws OrtException {
        ByteBuffer b = ByteBuffer.allocateDirect(v.length).order(ByteOrder.nativeOrder());
        for (int i = 0; i < v.length; i++) b.put((byte) integer(name, type, v, i, min, max));
        b.rewind();
        return OnnxTensor.createTensor(env, b, shape, javaType);
    }

    private static long integer(String name, String type, double[] v, int i, long min, long max) {
        double x = v[i];
        if (x != Math.rint(x) || x < min || x > max) {
            throw new IllegalArgumentException("input '" + name + "' is " + type + "; value " + x + " at index " + i
                    + (x != Math.rint(x) ? " is not an integer" : " is outside " + min + ".." + max));
        }
        return (long) x;
    }

    /** The output's values as the Java array of its element type. */
    private static Object values(String name, OnnxTensor y) throws OrtException {
        TensorInfo info = y.getInfo();
        int n = Math.toIntExact(info.getNumElements());
        return switch (info.onnxType) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT, ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16, ONNX_TENSOR_ELEMENT_DATA_TYPE_BFLOAT16 -> {
                float[] a = new float[n];
                y.getFloatBuffer().get(a);
                yield a;
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> {
                double[] a = new double[n];
                y.getDoubleBuffer().get(a);
                yield a;
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64 -> {
                long[] a = new long[n];
                y.getLongBuffer().get(a);
                yield a;
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32 -> {
                int[] a = new int[n];
                y.getIntBuffer().get(a);
                yield a;
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16 -> {
                ShortBuffer s = y.getShortBuffer();
                int[] a = new int[n];
                for (int i = 0; i < n; i++) a[i] = s.get(i);
                yield a;
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8, ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8 -> {
                ByteBuffer b = y.getByteBuffer();
                boolean unsigned = info.onnxType == TensorInfo.OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8;
                int[] a = new int[n];
                for (int i = 0; i < n; i++) a[i] = unsigned ? Byte.toUnsignedInt(b.get(i)) : b.get(i);
                yield a;
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL -> {
                ByteBuffer b = y.getByteBuffer();
                boolean[] a = new boolean[n];
                for (int i = 0; i < n; i++) a[i] = b.get(i) != 0;
                yield a;
            }
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING -> {
                List<String> flat = new ArrayList<>(n);
                flatten(y.getValue(), flat);
                yield flat.toArray(String[]::new);
            }
            default -> throw new ServingException("Output '" + name + "' has element type " + info.onnxType + ", which predict cannot return");
        };
    }

    private static void flatten(Object value, List<String> into) {
        if (value instanceof Object[] array) {
            for (Object o : array) flatten(o, into);
        } else {
            into.add(String.valueOf(value));
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
