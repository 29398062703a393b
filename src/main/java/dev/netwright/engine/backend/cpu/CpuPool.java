package dev.netwright.engine.backend.cpu;

/**
 * The buffers handed back to {@link CpuBackend#free}, by length, for {@link CpuBackend#alloc} to hand out again: a
 * training step then takes its activations and gradients from the previous step's instead of new arrays. An
 * open-addressing table of stacks keyed by length, so neither side allocates (no boxed keys, no deque nodes) once
 * the table has grown to the step's set of sizes. At most {@code maxFloats} floats are kept; beyond that freed
 * buffers are left to the garbage collector. Thread-safe (one lock; a training step takes it a few dozen times).
 */
final class CpuPool {
    private final long maxFloats;
    private int[] lengths = new int[64];        // 0 = empty slot (empty buffers are never pooled)
    private CpuBuffer[][] stacks = new CpuBuffer[64][];
    private int[] counts = new int[64];
    private int used;
    private long floats;

    CpuPool(long maxFloats) {
        this.maxFloats = maxFloats;
    }

    /** A pooled buffer of exactly {@code length} floats (contents left over from its last use), or null. */
    synchronized CpuBuffer take(int length) {
        int slot = find(length);
        if (slot < 0 || counts[slot] == 0) return null;
        int c = --counts[slot];
        CpuBuffer b = stacks[slot][c];
        stacks[slot][c] = null;
        floats -= length;
        return b;
    }

    /** Keeps {@code b} for a later {@link #take}; false when the pool is full. Throws if it is already pooled. */
    synchronized boolean put(CpuBuffer b) {
        int length = b.data().length;
        if (length == 0) return false;
        int slot = find(length);
        if (slot >= 0) {
            CpuBuffer[] s = stacks[slot];
            for (int i = 0; i < counts[slot]; i++) {
                if (s[i] == b || s[i].data() == b.data()) {
                    throw new IllegalStateException("Buffer of " + length + " floats freed twice");
                }
            }
        }
        if (floats + length > maxFloats) return false;
        if (slot < 0) slot = insert(length);
        CpuBuffer[] s = stacks[slot];
        if (counts[slot] == s.length) stacks[slot] = s = java.util.Arrays.copyOf(s, s.length * 2);
        s[counts[slot]++] = b;
        floats += length;
        return true;
    }

    /** Floats held. */
    synchronized long floats() {
        return floats;
    }

    private static int hash(int length, int mask) {
        return (length * 0x9E3779B9 >>> 7) & mask;
    }

    private int find(int length) {
        int mask = lengths.length - 1;
        for (int i = hash(length, mask); ; i = (i + 1) & mask) {
            if (lengths[i] == length) return i;
            if (lengths[i] == 0) return -1;
        }
    }

    private int insert(int length) {
        if (2 * (used + 1) > lengths.length) grow();
        int mask = lengths.length - 1;
        int i = hash(length, mask);
        while (lengths[i] != 0) i = (i + 1) & mask;
        lengths[i] = length;
        stacks[i] = new CpuBuffer[4];
        counts[i] = 0;
        used++;
        return i;
    }

    private void grow() {
        int[] oldLengths = lengths;
        CpuBuffer[][] oldStacks = stacks;
        int[] oldCounts = counts;
        int cap = oldLengths.length * 2, mask = cap - 1;
        lengths = new int[cap];
        stacks = new CpuBuffer[cap][];
        counts = new int[cap];
        for (int j = 0; j < oldLengths.length; j++) {
            if (oldLengths[j] == 0) continue;
            int i = hash(oldLengths[j], mask);
            while (lengths[i] != 0) i = (i + 1) & mask;
            lengths[i] = oldLengths[j];
            stacks[i] = oldStacks[j];
            counts[i] = oldCounts[j];
        }
    }
}
