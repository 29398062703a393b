package dev.netwright.data;

import dev.netwright.engine.Rng;

/**
 * Mini-batches over some samples of a data set, epoch after epoch: {@link #startEpoch} (re)shuffles the order when
 * {@code shuffle} is on, then each {@link #next} fills the {@link #features} and {@link #targets} buffers with the
 * next batch (gather → augment → normalize) and returns how many samples it holds: {@code batchSize}, fewer for the
 * last batch of an epoch, 0 once the epoch is done.
 *
 * <p>The buffers are allocated once, for min(batchSize, samples) samples, and overwritten by every {@link #next}; no
 * batch allocates. Deterministic for a seed: the shuffles and the augmentation draw from two generators derived
 * from it, so the order of every epoch and every augmented pixel repeat. Not thread-safe.
 */
public final class BatchLoader {
    private final Dataset data;
    private final int[] order;
    private final int batchSize;
    private final boolean shuffle;
    private final Normalization normalization;
    private final Augmentation augmentation;
    private final Rng shuffleRng;
    private final Rng augmentRng;
    private final float[] features;
    private final float[] targets;
    private final float[] scratch;
    private int cursor = -1;
    private int epoch;

    /**
     * @param indices       the samples to walk (copied), e.g. the training part of a {@link Split}
     * @param normalization applied to every batch after augmentation; null for none
     * @param augmentation  applied to every sample; null or {@link Augmentation#NONE} for none (images only)
     * @throws IllegalArgumentException for a batch size below 1, an index outside the data set, a normalization
     *                                  fitted for another feature size or an augmentation with {@link Augmentation#problems}
     */
    public BatchLoader(Dataset d, int[] indices, int batchSize, boolean shuffle, Normalization normalization,
                       Augmentation augmentation, long seed) {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1. Received: " + batchSize);
        for (int i : indices) {
            if (i < 0 || i >= d.size()) throw new IllegalArgumentException("Index " + i + " is outside data set " + d.id() + " of " + d.size() + " samples");
        }
        if (normalization != null && normalization.featureSize() != d.featureSize()) {
            throw new IllegalArgumentException("The normalization is for " + normalization.featureSize() + " features; data set " + d.id()
                    + " has " + d.featureSize() + " per sample");
        }
        boolean augment = augmentation != null && !augmentation.isNone();
        if (augment && !augmentation.problems(d.featureShape()).isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", augmentation.problems(d.featureShape())));
        }
        this.data = d;
        this.order = indices.clone();
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.normalization = normalization == null || normalization.scaling() == Scaling.NONE ? null : normalization;
        this.augmentation = augment ? augmentation : null;
        Rng root = new Rng(seed);
        this.shuffleRng = root.split();
        this.augmentRng = root.split();
        int capacity = Math.min(batchSize, Math.max(1, indices.length));
        this.features = new float[capacity * d.featureSize()];
        this.targets = new float[capacity * d.targetSize()];
        this.scratch = new float[augment ? d.featureSize() : 0];
    }

    /** Starts the next epoch from the first sample, shuffling the order first when {@code shuffle} is on. */
    public void startEpoch() {
        if (shuffle) shuffleRng.shuffle(order);
        cursor = 0;
        epoch++;
    }

    /**
     * Fills {@link #features} and {@link #targets} with the next batch and returns its number of samples, 0 at the
     * end of the epoch.
     *
     * @throws IllegalStateException before the first {@link #startEpoch}
     */
    public int next() {
        if (cursor < 0) throw new IllegalStateException("Call startEpoch() before next()");
        int b = Math.min(batchSize, order.length - cursor);
        if (b <= 0) return 0;
        int f = data.featureSize(), t = data.targetSize();
        float[] x = data.features(), y = data.targets();
        for (int k = 0; k < b; k++) {
            int s = order[cursor + k];
            System.arraycopy(x, s * f, features, k * f, f);
            System.arraycopy(y, s * t, targets, k * t, t);
        }
        if (augmentation != null) {
            for (int k = 0; k < b; k++) augmentation.apply(features, k * f, data.featureShape(), augmentRng, scratch);
        }
        if (normalization != null) normalization.apply(features, b);
        cursor += b;
        return b;
    }

    /** The current batch's features, row-major; valid for the count {@link #next} returned. */
    public float[] features() {
        return features;
    }

    /** The current batch's targets, row-major; valid for the count {@link #next} returned. */
    public float[] targets() {
        return targets;
    }

    /** The number of samples walked per epoch. */
    public int size() {
        return order.length;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Batches per epoch, the last one possibly partial: ⌈size / batchSize⌉. */
    public int batchesPerEpoch() {
        return (order.length + batchSize - 1) / batchSize;
    }

    /** Epochs started so far. */
    public int epoch() {
        return epoch;
    }

    /**
     * Where the loader is, for a training checkpoint: the current order of the samples, the position in it (-1
     * before the first epoch), the epochs started and the two generators' states.
     */
    public record State(int[] order, int cursor, int epoch, long shuffleRng, long augmentRng) {
    }

    public State state() {
        return new State(order.clone(), cursor, epoch, shuffleRng.state(), augmentRng.state());
    }

    /**
     * Continues from a {@link #state()} of a loader over the same samples, so the next {@link #next} returns the batch
     * the saved loader would have returned.
     *
     * @throws IllegalArgumentException when the saved order is not a permutation of this loader's samples
     */
    public void restore(State s) {
        if (s.order().length != order.length) {
            throw new IllegalArgumentException("The saved loader walks " + s.order().length + " samples, this one " + order.length);
        }
        int[] a = s.order().clone(), b = order.clone();
        java.util.Arrays.sort(a);
        java.util.Arrays.sort(b);
        if (!java.util.Arrays.equals(a, b)) throw new IllegalArgumentException("The saved loader walks other samples than this one");
        System.arraycopy(s.order(), 0, order, 0, order.length);
        cursor = s.cursor();
        epoch = s.epoch();
        shuffleRng.setState(s.shuffleRng());
        augmentRng.setState(s.augmentRng());
    }
}
