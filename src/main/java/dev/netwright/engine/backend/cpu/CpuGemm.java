package dev.netwright.engine.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Single-precision matrix product for {@link CpuBackend}: C (+)= op(A) op(B), row-major, op = transpose or not.
 *
 * <p>The layout follows BLIS/GotoBLAS. C is cut into tiles of at most {@link #MC} x {@link #NC}; the tiles are the
 * parallel tasks. For each {@link #KC}-deep slice of the shared dimension a task packs its block of A into
 * {@link #MR}-row panels and its block of B into {@link #NR}-column panels (zero-padded at the edges, so any m, n, k
 * works), and a register-tiled micro-kernel multiplies one A panel by one B panel: MR x NR accumulators
 * (12 AVX-512 vectors), one broadcast of A and two vector loads of B per step of k. A B that is not transposed is
 * read in place where its rows already are panels (only the ragged last panel is packed), unless its row stride
 * would make a panel's rows collide in the L1 cache. Edge tiles are computed whole into a scratch tile and the part
 * inside C is kept. Packing buffers are per thread and reused, so a product allocates nothing. Tiny products skip
 * the packing and use plain loops.
 *
 * <p>{@link #dotAccumulate} is a second kernel for A @ B^T with a long shared dimension and a small result (the
 * weight gradient of a convolution): dot products along the rows of both operands, no packing at all.
 *
 * <p>Measured against OpenBLAS in docs/adr/0004-cpu-gemm.md.
 */
final class CpuGemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int V = S.length();
    /** Rows of the register tile. */
    static final int MR = 6;
    /** Columns of the register tile: two vectors. */
    static final int NR = 2 * V;
    /** Depth of a packed slice: a B panel (KC x NR) stays in L1, an A block (MC x KC) in L2. */
    private static final int KC = 256;
    /** Largest row block (multiple of MR). */
    private static final int MC = 192;
    /** Largest column block (multiple of NR). */
    private static final int NC = 1024;
    /** Multiply-adds below which the packed kernel does not pay off. */
    private static final long SMALL = 4096;
    /** Multiply-adds above which a product is split over threads. */
    private static final long PARALLEL_WORK = 1L << 16;

    /**
     * PAST[r]: the lanes from r on (those past the end of a partial vector of r values), made once: a mask built per
     * call and passed to a method that is not inlined is a new object each time.
     */
    @SuppressWarnings("unchecked")
    private static final VectorMask<Float>[] PAST = new VectorMask[V];

    static {
        for (int r = 0; r < V; r++) PAST[r] = S.indexInRange(0, r).not();
    }

    private static final ThreadLocal<float[][]> PACKS = ThreadLocal.withInitial(() -> new float[][]{
            new float[MC * KC], new float[KC * NC], new float[MR * NR]});

    private CpuGemm() {
    }

    /**
     * For each of {@code batch} entries: c[b] (+)= op(a[b]) @ op(b[b]); op(a) is [m,k] (stored [k,m] when {@code ta}),
     * op(b) is [k,n] (stored [n,k] when {@code tb}). A non-batched operand is shared by all entries.
     */
    static void matmul(float[] a, float[] b, float[] c, int batch, int m, int n, int k,
                       boolean ta, boolean tb, boolean aBatched, boolean bBatched, boolean accumulate) {
        product(a, 0, aBatched ? m * k : 0, ta, b, 0, bBatched ? k * n : 0, tb, c, 0, batch, m, n, k, accumulate);
    }

    /**
     * One product c (+)= op(a) @ op(b) on parts of larger arrays (dense, starting at the offsets). Split over threads
     * when large, unless called from inside another parallel loop.
     */
    static void gemm(float[] a, int aOff, boolean ta, float[] b, int bOff, boolean tb, float[] c, int cOff,
                     int m, int n, int k, boolean accumulate) {
        product(a, aOff, 0, ta, b, bOff, 0, tb, c, cOff, 1, m, n, k, accumulate);
    }

    /** Entry e of the batch reads a at aOff + e*aStride, b at bOff + e*bStride and writes c at cOff + e*m*n. */
    private static void product(float[] a, int aOff, int aStride, boolean ta, float[] b, int bOff, int bStride, boolean tb,
                                float[] c, int cOff, int batch, int m, int n, int k, boolean accumulate) {
        if (m == 0 || n == 0 || batch == 0) return;
        long work = (long) batch * m * n * k;
        if (k == 0 || work < SMALL) {
            for (int e = 0; e < batch; e++) {
                small(a, aOff + e * aStride, ta, b, bOff + e * bStride, tb, c, cOff + e * m * n, m, n, k, accumulate);
            }
            return;
        }
        int threads = work >= PARALLEL_WORK ? CpuThreads.available(Integer.MAX_VALUE) : 1;
        // row and column blocks: as large as the caches allow, then cut further until each thread has two tiles (a
        // thread that starts late still gets one). Each tile packs its own blocks, so cutting columns repacks A and
        // cutting rows repacks B: cut the dimension whose repacking is cheaper first.
        int mBlocks = ceilDiv(m, MC), nBlocks = ceilDiv(n, NC);
        int wanted = threads == 1 ? 1 : 2 * threads;
        for (int pass = 0; pass < 2 && batch * mBlocks * nBlocks < wanted; pass++) {
            int need = ceilDiv(wanted, batch * mBlocks * nBlocks);
            if ((m <= n) == (pass == 0)) nBlocks = Math.min(ceilDiv(n, NR), nBlocks * need);
            else mBlocks = Math.min(ceilDiv(m, MR), mBlocks * need);
        }
        int mc = roundUp(ceilDiv(m, mBlocks), MR), nc = roundUp(ceilDiv(n, nBlocks), NR);
        int mb = ceilDiv(m, mc), nb = ceilDiv(n, nc);
        int tiles = mb * nb;
        if (threads == 1) {
            for (int t = 0; t < batch * tiles; t++) {
                productTile(a, aOff, aStride, ta, b, bOff, bStride, tb, c, cOff, m, n, k, mc, nc, nb, tiles, t, accumulate);
            }
        } else {
            CpuThreads.forEach(batch * tiles, t ->
                    productTile(a, aOff, aStride, ta, b, bOff, bStride, tb, c, cOff, m, n, k, mc, nc, nb, tiles, t, accumulate));
        }
    }

    private static void productTile(float[] a, int aOff, int aStride, boolean ta, float[] b, int bOff, int bStride, boolean tb,
                                    float[] c, int cOff, int m, int n, int k, int mc, int nc, int nb, int tiles, int t,
                                    boolean accumulate) {
        int e = t / tiles, tile = t % tiles;
        int i0 = (tile / nb) * mc, j0 = (tile % nb) * nc;
        tile(a, aOff + e * aStride, ta, b, bOff + e * bStride, tb, c, cOff + e * m * n, m, n, k,
                i0, Math.min(mc, m - i0), j0, Math.min(nc, n - j0), accumulate);
    }

    /** C[i0:i0+mc, j0:j0+nc] (+)= op(A)[i0:, :] op(B)[:, j0:], all of k. */
    private static void tile(float[] a, int aOff, boolean ta, float[] b, int bOff, boolean tb, float[] c, int cOff,
                             int m, int n, int k, int i0, int mc, int j0, int nc, boolean accumulate) {
        float[][] packs = PACKS.get();
        float[] pa = packs[0], pb = packs[1], edge = packs[2];
        // B's rows already hold NR contiguous columns when it is not transposed: read full panels in place, unless
        // its row stride is a multiple of many cache lines, where the kc rows of a panel would share a few L1 sets
        boolean direct = !tb && (n % 16 != 0 || Integer.numberOfTrailingZeros(n / 16) <= 2);
        int fullCols = direct ? nc / NR * NR : 0;
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            packB(b, bOff, tb, n, k, pc, kc, j0 + fullCols, nc - fullCols, pb);
            packA(a, aOff, ta, m, k, pc, kc, i0, mc, pa);
            boolean load = accumulate || pc > 0;
            for (int jr = 0; jr < nc; jr += NR) {
                int nr = Math.min(NR, nc - jr);
                float[] bp = jr < fullCols ? b : pb;
                int bo = jr < fullCols ? bOff + pc * n + j0 + jr : (jr - fullCols) * kc;
                int ldb = jr < fullCols ? n : NR;
                for (int ir = 0; ir < mc; ir += MR) {
                    int mr = Math.min(MR, mc - ir), co = cOff + (i0 + ir) * n + j0 + jr;
                    if (mr == MR && nr == NR) {
                        kernel(kc, pa, ir * kc, bp, bo, ldb, c, co, n, load);
                    } else {
                        // edge tile: compute the whole tile aside, keep the part inside C
                        kernel(kc, pa, ir * kc, bp, bo, ldb, edge, 0, NR, false);
                        for (int i = 0; i < mr; i++) {
                            int cr = co + i * n, er = i * NR;
                            if (load) for (int j = 0; j < nr; j++) c[cr + j] += edge[er + j];
                            else System.arraycopy(edge, er, c, cr, nr);
                        }
                    }
                }
            }
        }
    }

    /** Packs op(A)[i0:i0+mc, pc:pc+kc] as MR-row panels, each kc steps of MR values (rows past m are 0). */
    private static void packA(float[] a, int aOff, boolean ta, int m, int k, int pc, int kc, int i0, int mc, float[] dst) {
        for (int ir = 0; ir < mc; ir += MR) {
            int base = ir * kc, rows = Math.min(MR, mc - ir);
            if (!ta) {
                for (int i = 0; i < rows; i++) {
                    int src = aOff + (i0 + ir + i) * k + pc;
                    for (int p = 0; p < kc; p++) dst[base + p * MR + i] = a[src + p];
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (pc + p) * m + i0 + ir, d = base + p * MR;
                    for (int i = 0; i < rows; i++) dst[d + i] = a[src + i];
                }
            }
            for (int i = rows; i < MR; i++) {
                for (int p = 0; p < kc; p++) dst[base + p * MR + i] = 0f;
            }
        }
    }

    /** Packs op(B)[pc:pc+kc, j0:j0+nc] as NR-column panels, each kc rows of NR values (columns past n are 0). */
    private static void packB(float[] b, int bOff, boolean tb, int n, int k, int pc, int kc, int j0, int nc, float[] dst) {
        for (int jr = 0; jr < nc; jr += NR) {
            int base = jr * kc, cols = Math.min(NR, nc - jr);
            if (!tb) {
                VectorMask<Float> k0 = S.indexInRange(0, cols), k1 = S.indexInRange(V, cols);
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (pc + p) * n + j0 + jr, d = base + p * NR;
                    if (cols == NR) {
                        FloatVector.fromArray(S, b, src).intoArray(dst, d);
                        FloatVector.fromArray(S, b, src + V).intoArray(dst, d + V);
                    } else {
                        // masked lanes read nothing and store 0: the panel is zero-padded
                        FloatVector.fromArray(S, b, src, k0).intoArray(dst, d);
                        FloatVector.fromArray(S, b, src + V, k1).intoArray(dst, d + V);
                    }
                }
            } else {
                for (int j = 0; j < cols; j++) {
                    int src = bOff + (j0 + jr + j) * k + pc;
                    for (int p = 0; p < kc; p++) dst[base + p * NR + j] = b[src + p];
                }
                for (int j = cols; j < NR; j++) {
                    for (int p = 0; p < kc; p++) dst[base + p * NR + j] = 0f;
                }
            }
        }
    }

    /**
     * The micro-kernel: c[0:MR, 0:NR] (+)= A panel @ B panel over kc steps; c rows are {@code ldc} apart. Overwrites
     * c unless {@code load}. Kept small enough for C2 to compile it whole with the accumulators in registers.
     */
    private static void kernel(int kc, float[] a, int ao, float[] b, int bo, int ldb, float[] c, int co, int ldc, boolean load) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++, ao += MR, bo += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, bo), b1 = FloatVector.fromArray(S, b, bo + 1 * V);
            FloatVector x = FloatVector.broadcast(S, a[ao]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ao + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ao + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ao + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[ao + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[ao + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        if (load) {
            c00 = c00.add(FloatVector.fromArray(S, c, co));
            c01 = c01.add(FloatVector.fromArray(S, c, co + V));
            c10 = c10.add(FloatVector.fromArray(S, c, co + ldc));
            c11 = c11.add(FloatVector.fromArray(S, c, co + ldc + V));
            c20 = c20.add(FloatVector.fromArray(S, c, co + 2 * ldc));
            c21 = c21.add(FloatVector.fromArray(S, c, co + 2 * ldc + V));
            c30 = c30.add(FloatVector.fromArray(S, c, co + 3 * ldc));
            c31 = c31.add(FloatVector.fromArray(S, c, co + 3 * ldc + V));
            c40 = c40.add(FloatVector.fromArray(S, c, co + 4 * ldc));
            c41 = c41.add(FloatVector.fromArray(S, c, co + 4 * ldc + V));
            c50 = c50.add(FloatVector.fromArray(S, c, co + 5 * ldc));
            c51 = c51.add(FloatVector.fromArray(S, c, co + 5 * ldc + V));
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + V);
        c10.intoArray(c, co + ldc);
        c11.intoArray(c, co + ldc + V);
        c20.intoArray(c, co + 2 * ldc);
        c21.intoArray(c, co + 2 * ldc + V);
        c30.intoArray(c, co + 3 * ldc);
        c31.intoArray(c, co + 3 * ldc + V);
        c40.intoArray(c, co + 4 * ldc);
        c41.intoArray(c, co + 4 * ldc + V);
        c50.intoArray(c, co + 5 * ldc);
        c51.intoArray(c, co + 5 * ldc + V);
    }

    // ***** row-dot products: A @ B^T with both operands read along rows, no packing *****

    /** Rows and columns of a dot tile. */
    static final int DOT = 4;

    /** Floats of the vector partial sums that {@link #dotAccumulate} needs for an m x n product. */
    static int dotSize(int m, int n) {
        return roundUp(m, DOT) * roundUp(n, DOT) * V;
    }

    /**
     * Vector partial sums of c = a @ b^T, with a [m, k] (rows {@code lda} apart) and b [n, k] (rows {@code ldb}
     * apart), both read along their rows: sums[((i * roundUp(n, 4)) + j) * V + lane] += lanes of a[i, :] * b[j, :].
     * Add up the lanes with {@link #dotReduce}. Suits products with a long shared dimension and few rows and
     * columns (a convolution's weight gradient), where packing would transpose far more data than it multiplies.
     */
    static void dotAccumulate(float[] a, int aOff, int lda, int m, float[] b, int bOff, int ldb, int n, int k,
                              float[] sums, int sumsOff) {
        int ldn = roundUp(n, DOT);
        for (int i = 0; i < m; i += DOT) {
            // rows past the edge repeat the last row; their sums land in padding that dotReduce skips
            int a0 = aOff + i * lda, a1 = aOff + Math.min(i + 1, m - 1) * lda;
            int a2 = aOff + Math.min(i + 2, m - 1) * lda, a3 = aOff + Math.min(i + 3, m - 1) * lda;
            for (int j = 0; j < n; j += DOT) {
                int b0 = bOff + j * ldb, b1 = bOff + Math.min(j + 1, n - 1) * ldb;
                int b2 = bOff + Math.min(j + 2, n - 1) * ldb, b3 = bOff + Math.min(j + 3, n - 1) * ldb;
                int so = sumsOff + (i * ldn + j) * V;
                dot4x4(k, a, a0, a1, a2, a3, b, b0, b1, b2, b3, sums, so, ldn * V);
                if (k % V != 0) dotTail(k - k % V, k % V, a, a0, a1, a2, a3, b, b0, b1, b2, b3, sums, so, ldn * V);
            }
        }
    }

    /**
     * c[i * ldc + j] += the lanes of the partial sums of {@link #dotAccumulate}, for i < m, j < n, added in lane
     * order. NOTE: not {@code reduceLanes(ADD)}, whose order differs between the interpreter (lane order) and C2 (a
     * tree), which made the same training run give different results depending on when the JIT compiled it.
     */
    static void dotReduce(float[] sums, int sumsOff, int m, int n, float[] c, int cOff, int ldc) {
        int ldn = roundUp(n, DOT);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                c[cOff + i * ldc + j] += laneSum(sums, sumsOff + (i * ldn + j) * V);
            }
        }
    }

    /** x[from] + ... + x[from + V - 1] in that order, starting from 0 (as {@code reduceLanes(ADD)} does when interpreted). */
    static float laneSum(float[] x, int from) {
        float s = 0f;
        for (int l = 0; l < V; l++) s += x[from + l];
        return s;
    }

    /**
     * sums (4 x 4 vectors, rows {@code ld} apart) += lane-wise products of rows a0..a3 with rows b0..b3 over the
     * whole vectors of k. NOTE: kept apart from the masked tail so that it stays small enough for C1 and C2 to compile.
     */
    private static void dot4x4(int k, float[] a, int a0, int a1, int a2, int a3,
                               float[] b, int b0, int b1, int b2, int b3, float[] sums, int so, int ld) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c02 = FloatVector.zero(S), c03 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S), c12 = FloatVector.zero(S), c13 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c22 = FloatVector.zero(S), c23 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S), c32 = FloatVector.zero(S), c33 = FloatVector.zero(S);
        int p = 0;
        for (int full = k - V; p <= full; p += V) {
            FloatVector x0 = FloatVector.fromArray(S, a, a0 + p), x1 = FloatVector.fromArray(S, a, a1 + p);
            FloatVector x2 = FloatVector.fromArray(S, a, a2 + p), x3 = FloatVector.fromArray(S, a, a3 + p);
            FloatVector y = FloatVector.fromArray(S, b, b0 + p);
            c00 = x0.fma(y, c00);
            c10 = x1.fma(y, c10);
            c20 = x2.fma(y, c20);
            c30 = x3.fma(y, c30);
            y = FloatVector.fromArray(S, b, b1 + p);
            c01 = x0.fma(y, c01);
            c11 = x1.fma(y, c11);
            c21 = x2.fma(y, c21);
            c31 = x3.fma(y, c31);
            y = FloatVector.fromArray(S, b, b2 + p);
            c02 = x0.fma(y, c02);
            c12 = x1.fma(y, c12);
            c22 = x2.fma(y, c22);
            c32 = x3.fma(y, c32);
            y = FloatVector.fromArray(S, b, b3 + p);
            c03 = x0.fma(y, c03);
            c13 = x1.fma(y, c13);
            c23 = x2.fma(y, c23);
            c33 = x3.fma(y, c33);
        }
        FloatVector.fromArray(S, sums, so).add(c00).intoArray(sums, so);
        FloatVector.fromArray(S, sums, so + V).add(c01).intoArray(sums, so + V);
        FloatVector.fromArray(S, sums, so + 2 * V).add(c02).intoArray(sums, so + 2 * V);
        FloatVector.fromArray(S, sums, so + 3 * V).add(c03).intoArray(sums, so + 3 * V);
        so += ld;
        FloatVector.fromArray(S, sums, so).add(c10).intoArray(sums, so);
        FloatVector.fromArray(S, sums, so + V).add(c11).intoArray(sums, so + V);
        FloatVector.fromArray(S, sums, so + 2 * V).add(c12).intoArray(sums, so + 2 * V);
        FloatVector.fromArray(S, sums, so + 3 * V).add(c13).intoArray(sums, so + 3 * V);
        so += ld;
        FloatVector.fromArray(S, sums, so).add(c20).intoArray(sums, so);
        FloatVector.fromArray(S, sums, so + V).add(c21).intoArray(sums, so + V);
        FloatVector.fromArray(S, sums, so + 2 * V).add(c22).intoArray(sums, so + 2 * V);
        FloatVector.fromArray(S, sums, so + 3 * V).add(c23).intoArray(sums, so + 3 * V);
        so += ld;
        FloatVector.fromArray(S, sums, so).add(c30).intoArray(sums, so);
        FloatVector.fromArray(S, sums, so + V).add(c31).intoArray(sums, so + V);
        FloatVector.fromArray(S, sums, so + 2 * V).add(c32).intoArray(sums, so + 2 * V);
        FloatVector.fromArray(S, sums, so + 3 * V).add(c33).intoArray(sums, so + 3 * V);
    }

    /**
     * The last, partial vector of {@link #dot4x4}: the {@code rest} values from {@code p}, as whole vectors loaded with the lanes past k
     * zeroed (a masked load near the end of an array would take the slow path), or plain loops into lane 0 where a
     * whole vector would run past the end.
     */
    private static void dotTail(int p, int rest, float[] a, int a0, int a1, int a2, int a3,
                                float[] b, int b0, int b1, int b2, int b3, float[] sums, int so, int ld) {
        int last = Math.max(Math.max(a0, a1), Math.max(a2, a3)), lastB = Math.max(Math.max(b0, b1), Math.max(b2, b3));
        if (last + p + V > a.length || lastB + p + V > b.length) {
            int k = p + rest;
            for (int i = 0; i < DOT; i++) {
                int ai = pick(i, a0, a1, a2, a3);
                for (int j = 0; j < DOT; j++) {
                    int bj = pick(j, b0, b1, b2, b3);
                    float s = 0;
                    for (int q = p; q < k; q++) s += a[ai + q] * b[bj + q];
                    sums[so + i * ld + j * V] += s;
                }
            }
            return;
        }
        VectorMask<Float> past = PAST[rest];
        FloatVector x0 = FloatVector.fromArray(S, a, a0 + p).blend(0f, past);
        FloatVector x1 = FloatVector.fromArray(S, a, a1 + p).blend(0f, past);
        FloatVector x2 = FloatVector.fromArray(S, a, a2 + p).blend(0f, past);
        FloatVector x3 = FloatVector.fromArray(S, a, a3 + p).blend(0f, past);
        for (int j = 0; j < DOT; j++) {
            int bj = pick(j, b0, b1, b2, b3), o = so + j * V;
            FloatVector y = FloatVector.fromArray(S, b, bj + p).blend(0f, past);
            x0.fma(y, FloatVector.fromArray(S, sums, o)).intoArray(sums, o);
            x1.fma(y, FloatVector.fromArray(S, sums, o + ld)).intoArray(sums, o + ld);
            x2.fma(y, FloatVector.fromArray(S, sums, o + 2 * ld)).intoArray(sums, o + 2 * ld);
            x3.fma(y, FloatVector.fromArray(S, sums, o + 3 * ld)).intoArray(sums, o + 3 * ld);
        }
    }

    /** The i-th of four row offsets (no array: this runs per tile). */
    private static int pick(int i, int r0, int r1, int r2, int r3) {
        return i == 0 ? r0 : i == 1 ? r1 : i == 2 ? r2 : r3;
    }

    /** Plain loops for products too small to pack: c (+)= op(a) op(b). */
    static void small(float[] a, int aOff, boolean ta, float[] b, int bOff, boolean tb, float[] c, int cOff,
                      int m, int n, int k, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int cRow = cOff + i * n;
            if (!accumulate) java.util.Arrays.fill(c, cRow, cRow + n, 0f);
            if (!tb) {
                // c[i,:] += a[i,p] * b[p,:]: contiguous rows of b
                for (int p = 0; p < k; p++) {
                    float av = ta ? a[aOff + p * m + i] : a[aOff + i * k + p];
                    int bRow = bOff + p * n;
                    for (int j = 0; j < n; j++) c[cRow + j] += av * b[bRow + j];
                }
            } else {
                for (int j = 0; j < n; j++) {
                    int bRow = bOff + j * k;
                    float s = 0;
                    for (int p = 0; p < k; p++) s += (ta ? a[aOff + p * m + i] : a[aOff + i * k + p]) * b[bRow + p];
                    c[cRow + j] += s;
                }
            }
        }
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    private static int roundUp(int x, int y) {
        return ceilDiv(x, y) * y;
    }
}
