package dev.netwright.serving;

import dev.netwright.data.Dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How the samples of a data set feed a model's one input: the input's name, the shape of one sample as the model sees
 * it (a data set's [784] may feed [batch, 1, 28, 28]: the values are the same, row-major) and the largest chunk the
 * model takes at once.
 *
 * @param inputName  the model's input
 * @param sampleDims the input's shape without the batch dimension
 * @param maxChunk   samples per call: 1 for a model with a fixed batch of 1
 */
record BatchInput(String inputName, long[] sampleDims, int maxChunk) {
    /**
     * Checks that samples of {@code data} fit the model's input: one tensor input, batch first, the other dimensions
     * holding exactly a sample's values (fixed dimensions by their product; dynamic ones taken from the data set's
     * sample shape when the ranks match).
     *
     * @throws IllegalArgumentException naming the expected input shape and the data set's sample shape
     */
    static BatchInput of(long modelId, ModelSignature signature, Dataset data, int chunk) {
        List<ModelSignature.TensorSpec> inputs = signature.inputs();
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("Batch prediction feeds a data set's samples to a model's one input; model " + modelId
                    + " has " + inputs.size() + " inputs " + inputs.stream().map(i -> "'" + i.name() + "'").toList());
        }
        ModelSignature.TensorSpec in = inputs.getFirst();
        if (!in.tensor()) {
            throw new IllegalArgumentException("Input '" + in.name() + "' of model " + modelId + " is a " + in.elementType()
                    + ", not a tensor; batch prediction feeds tensors");
        }
        int[] sample = data.featureShape().toArray();
        int perSample = data.featureSize();
        if (in.shape() == null) return new BatchInput(in.name(), Arrays.stream(sample).asLongStream().toArray(), chunk);
        List<Long> shape = in.shape();
        String mismatch = "Input '" + in.name() + "' of model " + modelId + " expects shape " + in.describeShape() + "%s; data set '"
                + data.id() + "' has samples of shape " + Arrays.toString(sample) + ", " + perSample + " value" + (perSample == 1 ? "" : "s") + " each";
        if (shape.isEmpty()) throw new IllegalArgumentException(String.format(mismatch, " (a scalar, no batch dimension)"));
        long batch = shape.getFirst();
        if (batch > 1) {
            throw new IllegalArgumentException(String.format(mismatch, " (a fixed batch of " + batch + "; batch prediction needs a dynamic batch or 1)"));
        }
        List<Long> dims = new ArrayList<>(shape.subList(1, shape.size()));
        boolean fixed = dims.stream().allMatch(d -> d >= 0);
        long[] out = new long[dims.size()];
        if (fixed) {
            long n = 1;
            for (int i = 0; i < out.length; i++) n *= out[i] = dims.get(i);
            if (n != perSample) throw new IllegalArgumentException(String.format(mismatch, ", " + n + " value" + (n == 1 ? "" : "s") + " per sample"));
        } else if (dims.size() != sample.length) {
            // other ranks: one dynamic dimension takes what the fixed ones leave ([batch, ?] fed by [1, 28, 28])
            long known = 1;
            int dynamic = -1;
            for (int i = 0; i < out.length; i++) {
                long d = dims.get(i);
                if (d >= 0) {
                    known *= out[i] = d;
                } else if (dynamic < 0) {
                    dynamic = i;
                } else {
                    throw new IllegalArgumentException(String.format(mismatch, ""));
                }
            }
            if (known == 0 || perSample % known != 0) throw new IllegalArgumentException(String.format(mismatch, ""));
            out[dynamic] = perSample / known;
        } else {
            for (int i = 0; i < out.length; i++) {
                long d = dims.get(i);
                if (d >= 0 && d != sample[i]) throw new IllegalArgumentException(String.format(mismatch, ""));
                out[i] = sample[i];
            }
        }
        return new BatchInput(in.name(), out, batch == 1 ? 1 : chunk);
    }

    /** The input shape of a chunk of {@code k} samples. */
    long[] shape(int k) {
        long[] s = new long[sampleDims.length + 1];
        s[0] = k;
        System.arraycopy(sampleDims, 0, s, 1, sampleDims.length);
        return s;
    }
}
