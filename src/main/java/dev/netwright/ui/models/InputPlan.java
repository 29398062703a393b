package dev.netwright.ui.models;

import dev.netwright.serving.ModelSignature;
import dev.netwright.serving.ModelSignature.TensorSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which try-it form fits a model's inputs: a drawing pad (and a picture upload) for one grey-level square image
 * input ([batch, 1, 28, 28], [batch, 28, 28] or [batch, 784]; other squares from 8 to 64 pixels alike), a table of
 * number fields when every input is small and fixed (at most {@value #MAX_FIELDS} values per sample), else none, with
 * the reason.
 *
 * @param kind    the form
 * @param tensors for {@link Kind#TABLE} every input, for {@link Kind#IMAGE} the one input
 * @param side    for {@link Kind#IMAGE}: pixels per side
 * @param reason  for {@link Kind#NONE}: why no form fits
 */
record InputPlan(Kind kind, List<Tensor> tensors, int side, String reason) {
    static final int MAX_FIELDS = 64;
    private static final Set<String> FLOATS = Set.of("float32", "float64", "float16");
    private static final Set<String> NUMBERS = Set.of("float32", "float64", "float16", "int8", "int16", "int32", "int64", "uint8", "bool");

    enum Kind { IMAGE, TABLE, NONE }

    /**
     * One input as the form fills it: one sample's shape without the batch ({@code dims}), laid out as {@code rows}
     * × {@code cols} fields (the last dimension across).
     */
    record Tensor(String name, String elementType, String shapeText, long[] dims, int rows, int cols) {
        int values() {
            return rows * cols;
        }

        /** The input's shape for one sample: batch 1 first. */
        long[] batchOfOne() {
            long[] s = new long[dims.length + 1];
            s[0] = 1;
            System.arraycopy(dims, 0, s, 1, dims.length);
            return s;
        }
    }

    static InputPlan of(ModelSignature signature) {
        if (signature == null) return none("The model's signature cannot be read");
        List<TensorSpec> inputs = signature.inputs();
        List<Tensor> tensors = new ArrayList<>();
        for (TensorSpec in : inputs) {
            if (!in.tensor() || !NUMBERS.contains(in.elementType())) {
                return none("Input '" + in.name() + "' is " + in.elementType() + "; the form fills numeric tensors");
            }
            if (in.shape() == null || in.shape().isEmpty()) return none("Input '" + in.name() + "' has no batch dimension the form knows");
            long batch = in.shape().getFirst();
            if (batch > 1) return none("Input '" + in.name() + "' takes a fixed batch of " + batch);
            List<Long> rest = in.shape().subList(1, in.shape().size());
            if (rest.stream().anyMatch(d -> d < 0)) {
                return none("Input '" + in.name() + "' " + in.describeShape() + " has dynamic dimensions besides the batch");
            }
            long[] dims = rest.stream().mapToLong(Long::longValue).toArray();
            long n = 1;
            for (long d : dims) n *= d;
            int cols = dims.length == 0 ? 1 : (int) Math.min(Integer.MAX_VALUE, dims[dims.length - 1]);
            int rows = cols == 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, n / cols);
            tensors.add(new Tensor(in.name(), in.elementType(), in.describeShape(), dims, rows, cols));
        }
        if (tensors.size() == 1 && FLOATS.contains(tensors.getFirst().elementType())) {
            int side = imageSide(tensors.getFirst().dims());
            if (side > 0) return new InputPlan(Kind.IMAGE, tensors, side, null);
        }
        for (Tensor t : tensors) {
            if (t.values() < 1 || t.values() > MAX_FIELDS) {
                return none("Input '" + t.name() + "' " + t.shapeText() + " holds " + t.values() + " values per sample; the form has fields for 1 to "
                        + MAX_FIELDS + ". Call the API with named tensors");
            }
        }
        return new InputPlan(Kind.TABLE, tensors, 0, null);
    }

    /** The side of a grey square image the dimensions hold ([1, s, s], [s, s], or [784] for 28), else 0. */
    static int imageSide(long[] dims) {
        long side = switch (dims.length) {
            case 3 -> dims[0] == 1 && dims[1] == dims[2] ? dims[1] : 0;
            case 2 -> dims[0] == dims[1] ? dims[0] : 0;
            case 1 -> dims[0] == 784 ? 28 : 0;
            default -> 0;
        };
        return side >= 8 && side <= 64 ? (int) side : 0;
    }

    private static InputPlan none(String reason) {
        return new InputPlan(Kind.NONE, List.of(), 0, reason);
    }
}
