package dev.netwright.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

/**
 * Reading what an ONNX model stores: tensors (initializers, {@code Constant} values) as float or int64 arrays, and
 * node attributes with their defaults. Problems a model can have (external data, a type we do not read, too few
 * bytes) are {@link ImportGraph.Refused}, so they end up in the import's list of problems.
 */
final class OnnxTensors {
    private OnnxTensors() {
    }

    static long[] dims(TensorProto t) {
        return t.getDimsList().stream().mapToLong(Long::longValue).toArray();
    }

    static long count(long[] dims) {
        long n = 1;
        for (long d : dims) n *= d;
        return n;
    }

    /** The values of a floating-point or integer tensor as float32, row-major. */
    static float[] floats(TensorProto t) {
        int n = checkedCount(t);
        int type = t.getDataType();
        ByteString raw = rawData(t);
        if (type == TensorProto.DataType.FLOAT_VALUE) {
            if (raw != null) {
                float[] v = new float[n];
                littleEndian(raw, t, n, 4).asFloatBuffer().get(v);
                return v;
            }
            return sized(t, n, t.getFloatDataCount(), () -> {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) v[i] = t.getFloatData(i);
                return v;
            });
        }
        if (type == TensorProto.DataType.DOUBLE_VALUE) {
            double[] d = new double[n];
            if (raw != null) littleEndian(raw, t, n, 8).asDoubleBuffer().get(d);
            else d = sized(t, n, t.getDoubleDataCount(), () -> t.getDoubleDataList().stream().mapToDouble(Double::doubleValue).toArray());
            float[] v = new float[n];
            for (int i = 0; i < n; i++) v[i] = (float) d[i];
            return v;
        }
        long[] l = longs(t);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = l[i];
        return v;
    }

    /** The values of an integer tensor (INT64, INT32) as longs, row-major. */
    static long[] longs(TensorProto t) {
        int n = checkedCount(t);
        ByteString raw = rawData(t);
        return switch (t.getDataType()) {
            case TensorProto.DataType.INT64_VALUE -> {
                if (raw == null) yield sized(t, n, t.getInt64DataCount(), () -> t.getInt64DataList().stream().mapToLong(Long::longValue).toArray());
                long[] v = new long[n];
                littleEndian(raw, t, n, 8).asLongBuffer().get(v);
                yield v;
            }
            case TensorProto.DataType.INT32_VALUE -> {
                if (raw != null) {
                    int[] v = new int[n];
                    littleEndian(raw, t, n, 4).asIntBuffer().get(v);
                    yield java.util.Arrays.stream(v).asLongStream().toArray();
                }
                yield sized(t, n, t.getInt32DataCount(), () -> t.getInt32DataList().stream().mapToLong(Integer::longValue).toArray());
            }
            default -> throw new ImportGraph.Refused("tensor '" + t.getName() + "' has data type "
                    + TensorProto.DataType.forNumber(t.getDataType()) + ", not an integer type");
        };
    }

    static boolean isInteger(TensorProto t) {
        return t.getDataType() == TensorProto.DataType.INT64_VALUE || t.getDataType() == TensorProto.DataType.INT32_VALUE;
    }

    private static int checkedCount(TensorProto t) {
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            throw new ImportGraph.Refused("tensor '" + t.getName() + "' keeps its data in an external file; save the model with its "
                    + "weights inside (onnx.save(..., save_as_external_data=False))");
        }
        long n = count(dims(t));
        if (n < 0 || n > Integer.MAX_VALUE) throw new ImportGraph.Refused("tensor '" + t.getName() + "' has " + n + " values");
        return (int) n;
    }

    private static ByteString rawData(TensorProto t) {
        return t.hasRawData() ? t.getRawData() : null;
    }

    private static ByteBuffer littleEndian(ByteString raw, TensorProto t, int n, int bytesPerValue) {
        if (raw.size() != (long) n * bytesPerValue) {
            throw new ImportGraph.Refused("tensor '" + t.getName() + "' of shape " + java.util.Arrays.toString(dims(t))
                    + " needs " + (long) n * bytesPerValue + " bytes but holds " + raw.size());
        }
        return raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static <T> T sized(TensorProto t, int n, int have, java.util.function.Supplier<T> read) {
        if (have != n) {
            throw new ImportGraph.Refused("tensor '" + t.getName() + "' of shape " + java.util.Arrays.toString(dims(t)) + " holds "
                    + have + " values instead of " + n);
        }
        return read.get();
    }

    // ***** attributes *****

    static Optional<AttributeProto> attr(NodeProto n, String name) {
        for (AttributeProto a : n.getAttributeList()) if (a.getName().equals(name)) return Optional.of(a);
        return Optional.empty();
    }

    static long i(NodeProto n, String name, long dflt) {
        return attr(n, name).map(AttributeProto::getI).orElse(dflt);
    }

    static float f(NodeProto n, String name, float dflt) {
        return attr(n, name).map(AttributeProto::getF).orElse(dflt);
    }

    static String s(NodeProto n, String name, String dflt) {
        return attr(n, name).map(a -> a.getS().toStringUtf8()).orElse(dflt);
    }

    /** An INTS attribute, or {@code dflt} (may be null) when absent. */
    static long[] ints(NodeProto n, String name, long[] dflt) {
        return attr(n, name).map(a -> a.getIntsList().stream().mapToLong(Long::longValue).toArray()).orElse(dflt);
    }

    static List<String> strings(NodeProto n, String name) {
        return attr(n, name).map(a -> a.getStringsList().stream().map(ByteString::toStringUtf8).toList()).orElse(List.of());
    }

    static int[] toInts(long[] v) {
        int[] out = new int[v.length];
        for (int k = 0; k < v.length; k++) out[k] = Math.toIntExact(v[k]);
        return out;
    }
}
