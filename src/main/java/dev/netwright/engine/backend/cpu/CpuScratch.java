package dev.netwright.engine.backend.cpu;

/**
 * Per-thread work arrays of the CPU kernels (im2col columns, partial sums), kept between calls so the kernels
 * allocate nothing in steady state. Each use has its own slot, so nested kernels on one thread never share an array.
 */
final class CpuScratch {
    static final int COLUMNS = 0;
    static final int PARTIALS = 1;
    static final int SUMS = 2;
    private static final int SLOTS = 3;

    private static final ThreadLocal<float[][]> ARRAYS = ThreadLocal.withInitial(() -> new float[SLOTS][0]);

    private CpuScratch() {
    }

    /** This thread's array for {@code slot}, at least {@code size} long; its contents are left over from earlier use. */
    static float[] get(int slot, int size) {
        float[][] arrays = ARRAYS.get();
        if (arrays[slot].length < size) arrays[slot] = new float[size];
        return arrays[slot];
    }
}
