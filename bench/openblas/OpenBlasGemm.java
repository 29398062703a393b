import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

/**
 * SGEMM of OpenBLAS through org.bytedeco:openblas (Maven Central, native library bundled in the jar), measured
 * exactly like the GEMM of CpuBenchmark, for docs/adr/0004-cpu-gemm.md. Not a dependency of Netwright: scripts/bench.sh
 * fetches the jars and runs this file with the source launcher.
 * Usage: java -cp JARS bench/openblas/OpenBlasGemm.java [threads=1,2] [sizes=1024,2048]
 */
public class OpenBlasGemm {
    public static void main(String[] args) {
        int[] threads = ints(args.length > 0 ? args[0] : "1,2");
        int[] sizes = ints(args.length > 1 ? args[1] : "1024,2048");
        long t0 = System.nanoTime();
        Loader.load(openblas_nolapack.class);
        System.out.printf(Locale.ROOT, "openblas (bytedeco) loaded in %.0f ms: %s%n", (System.nanoTime() - t0) / 1e6,
                openblas_nolapack.OPENBLAS_CHAR_CORENAME);
        for (int t : threads) {
            openblas_nolapack.blas_set_num_threads(t);
            for (int n : sizes) square(n, t);
            // the MLP's three products at batch 128 (forward, input gradient, weight gradient of the 784x512 layer)
            shape(128, 512, 784, false, true, t);
            shape(128, 784, 512, false, false, t);
            shape(512, 784, 128, true, false, t);
        }
    }

    static void square(int n, int threads) {
        double g = measure(n, n, n, false, false, threads);
        System.out.printf(Locale.ROOT, "sgemm  threads=%d  %d^3: median %.1f GFLOP/s%n", threads, n, g);
        System.out.printf(Locale.ROOT, "RESULT impl=openblas model=gemm%d threads=%d gflops=%.2f%n", n, threads, g);
    }

    static void shape(int m, int n, int k, boolean ta, boolean tb, int threads) {
        double g = measure(m, n, k, ta, tb, threads);
        System.out.printf(Locale.ROOT, "sgemm  threads=%d  %dx%dx%d%s%s: median %.1f GFLOP/s%n", threads, m, n, k,
                ta ? " transA" : "", tb ? " transB" : "", g);
    }

    /** Median GFLOP/s of 5 windows after warm-up, C = op(A) op(B), row-major. */
    static double measure(int m, int n, int k, boolean ta, boolean tb, int threads) {
        SplittableRandom rng = new SplittableRandom(7);
        float[] av = new float[m * k], bv = new float[k * n];
        for (int i = 0; i < av.length; i++) av[i] = (float) (rng.nextDouble() * 2 - 1);
        for (int i = 0; i < bv.length; i++) bv[i] = (float) (rng.nextDouble() * 2 - 1);
        try (FloatPointer a = new FloatPointer(av); FloatPointer b = new FloatPointer(bv); FloatPointer c = new FloatPointer((long) m * n)) {
            double flop = 2.0 * m * n * k;
            int reps = (int) Math.max(1, Math.round(4e9 * threads / flop));
            Runnable run = () -> cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                    m, n, k, 1f, a, ta ? m : k, b, tb ? k : n, 0f, c, n);
            for (int i = 0; i < 2 * reps; i++) run.run();
            double[] g = new double[5];
            for (int w = 0; w < g.length; w++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < reps; i++) run.run();
                g[w] = flop * reps / ((System.nanoTime() - t0) / 1e9) / 1e9;
            }
            Arrays.sort(g);
            return g[2];
        }
    }

    static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
    }
}
