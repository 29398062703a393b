package dev.netwright.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.netwright.onnx.ImportGraph.Const;
import dev.netwright.onnx.ImportGraph.GlobalPool;
import dev.netwright.onnx.ImportGraph.Node;
import dev.netwright.onnx.ImportGraph.TimeMajor;
import dev.netwright.onnx.ImportGraph.Val;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Evaluates the small integer computations exporters put beside the data path, e.g. PyTorch's
 * {@code x.view(x.size(0), -1)} = Shape → Gather → Unsqueeze → Concat → Reshape, with the batch size as the symbol
 * {@link #BATCH}. These nodes are read here and never become layers.
 */
final class ShapeFolding {
    /** The batch size, unknown at import. */
    static final long BATCH = Long.MIN_VALUE;
    private static final int MAX_DEPTH = 64;

    private ShapeFolding() {
    }

    /** The integer values of ONNX value {@code name}, or null when they are not known at import. */
    static long[] ints(ImportGraph g, String name) {
        return eval(g, name, 0);
    }

    /** "[N, -1]" for {@code [BATCH, -1]}. */
    static String show(long[] v) {
        return Arrays.stream(v).mapToObj(d -> d == BATCH ? "N" : String.valueOf(d)).collect(Collectors.joining(", ", "[", "]"));
    }

    /** True when {@code name} is a constant of rank 0 (Gather by a scalar index drops the axis). */
    static boolean isScalar(ImportGraph g, String name) {
        Const c = constant(g, name);
        return c != null && c.dims().length == 0;
    }

    /** True when {@code name} is absent ("") or all zeros (an initial state made by ConstantOfShape, Expand, ...). */
    static boolean isZeros(ImportGraph g, String name) {
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            if (name.isEmpty()) return true;
            Const c = constant(g, name);
            if (c != null) return allZero(c.f());
            NodeProto p = g.producer(name);
            if (p == null) return false;
            switch (p.getOpType()) {
                case "ConstantOfShape" -> {
                    var value = OnnxTensors.attr(p, "value");
                    return value.isEmpty() || allZero(OnnxTensors.floats(value.get().getT()));
                }
                case "Expand", "Identity", "Cast", "Unsqueeze", "Reshape" -> name = p.getInput(0);
                default -> {
                    return false;
                }
            }
        }
        return false;
    }

    private static boolean allZero(float[] v) {
        for (float x : v) if (x != 0f) return false;
        return true;
    }

    /** An initializer or a Constant node's value; null otherwise. */
    private static Const constant(ImportGraph g, String name) {
        if (g.isInitializer(name)) return (Const) g.value(name);
        NodeProto p = g.producer(name);
        return p != null && p.getOpType().equals("Constant") ? OpImporters.constant(p) : null;
    }

    private static long[] eval(ImportGraph g, String name, int depth) {
        if (depth > MAX_DEPTH || name.isEmpty()) return null;
        Const c = constant(g, name);
        if (c != null) return c.longs() != null ? c.longs() : null;
        NodeProto p = g.producer(name);
        if (p == null) return null;
        return switch (p.getOpType()) {
            case "Shape" -> shape(g, p);
            case "Identity", "Cast", "Squeeze", "Unsqueeze" -> eval(g, p.getInput(0), depth + 1);
            case "Gather" -> {
                long[] data = eval(g, p.getInput(0), depth + 1), index = eval(g, p.getInput(1), depth + 1);
                if (data == null || index == null || OnnxTensors.i(p, "axis", 0) != 0) yield null;
                long[] out = new long[index.length];
                for (int k = 0; k < index.length; k++) {
                    long i = index[k] < 0 ? index[k] + data.length : index[k];
                    if (i < 0 || i >= data.length) yield null;
                    out[k] = data[(int) i];
                }
                yield out;
            }
            case "Concat" -> {
                long[] out = new long[0];
                for (String in : p.getInputList()) {
                    long[] part = eval(g, in, depth + 1);
                    if (part == null) yield null;
                    out = concat(out, part);
                }
                yield out;
            }
            case "Slice" -> slice(g, p, depth);
            case "Add", "Sub", "Mul", "Div" -> arithmetic(p.getOpType(), eval(g, p.getInput(0), depth + 1), eval(g, p.getInput(1), depth + 1));
            default -> null;
        };
    }

    /** Shape(x): [N, ...per-sample shape] of a computed value (with opset 15's start and end). */
    private static long[] shape(ImportGraph g, NodeProto p) {
        Val v = g.value(p.getInput(0));
        long[] dims = switch (v) {
            case Node x -> concat(new long[]{BATCH}, Arrays.stream(x.shape().toArray()).asLongStream().toArray());
            case TimeMajor t -> new long[]{t.base().shape().dim(0), BATCH, t.base().shape().dim(1)};
            case GlobalPool pool -> new long[]{BATCH, pool.x().shape().dim(0), 1, 1};
            default -> null;
        };
        if (dims == null) return null;
        int r = dims.length;
        long start = OnnxTensors.i(p, "start", 0), end = OnnxTensors.i(p, "end", r);
        start = Math.clamp(start < 0 ? start + r : start, 0, r);
        end = Math.clamp(end < 0 ? end + r : end, 0, r);
        return start >= end ? new long[0] : Arrays.copyOfRange(dims, (int) start, (int) end);
    }

    private static long[] slice(ImportGraph g, NodeProto p, int depth) {
        long[] data = eval(g, p.getInput(0), depth + 1);
        long[] starts, ends, axes, steps;
        if (p.getInputCount() >= 3) {
            starts = eval(g, p.getInput(1), depth + 1);
            ends = eval(g, p.getInput(2), depth + 1);
            axes = p.getInputCount() > 3 && !p.getInput(3).isEmpty() ? eval(g, p.getInput(3), depth + 1) : new long[]{0};
            steps = p.getInputCount() > 4 && !p.getInput(4).isEmpty() ? eval(g, p.getInput(4), depth + 1) : new long[]{1};
        } else {
            starts = OnnxTensors.ints(p, "starts", null);
            ends = OnnxTensors.ints(p, "ends", null);
            axes = OnnxTensors.ints(p, "axes", new long[]{0});
            steps = new long[]{1};
        }
        if (data == null || starts == null || ends == null || axes == null || steps == null || starts.length != 1 || ends.length != 1
                || axes.length != 1 || axes[0] != 0 || steps.length != 1 || steps[0] != 1) {
            return null;
        }
        int n = data.length;
        long s = Math.clamp(starts[0] < 0 ? starts[0] + n : starts[0], 0, n);
        long e = Math.clamp(ends[0] < 0 ? ends[0] + n : ends[0], 0, n);
        return s >= e ? new long[0] : Arrays.copyOfRange(data, (int) s, (int) e);
    }

    private static long[] arithmetic(String op, long[] a, long[] b) {
        if (a == null || b == null || (a.length != b.length && a.length != 1 && b.length != 1)) return null;
        long[] out = new long[Math.max(a.length, b.length)];
        for (int k = 0; k < out.length; k++) {
            long x = a[a.length == 1 ? 0 : k], y = b[b.length == 1 ? 0 : k];
            if (x == BATCH || y == BATCH) return null;
            long z = switch (op) {
                case "Add" -> x + y;
                case "Sub" -> x - y;
                case "Mul" -> x * y;
                default -> {
                    if (y == 0) yield BATCH;
                    yield Math.floorDiv(x, y);
                }
            };
            if (z == BATCH) return null;
            out[k] = z;
        }
        return out;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
