package dev.netwright.engine.backend.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The threads of the CPU kernels: one small pool for every parallel loop of {@link CpuBackend}, so loops never
 * oversubscribe the cores. A loop started inside another (a matrix product inside a convolution split by samples)
 * runs on the calling thread, and so does a loop started while another thread's loop holds the pool.
 *
 * <p>A training step runs a few dozen parallel loops of 20 µs to a few ms each, so the cost of waking a thread
 * matters: waking a parked thread takes tens of µs on a virtual machine. Workers therefore spin for a short while
 * after a loop before they park (as OpenMP runtimes do), and the caller never waits for a worker that has not
 * started: it takes the remaining indices itself.
 *
 * <p>The count defaults to the number of cores; {@code -Dnetwright.cpu.threads=N} or {@link #setThreads} changes it.
 */
public final class CpuThreads {
    /** How long an idle worker spins for the next loop before it parks. */
    private static final long SPIN_NANOS = 200_000;

    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private static volatile int threads = Math.max(1, Integer.getInteger("netwright.cpu.threads",
            Runtime.getRuntime().availableProcessors()));
    private static final Object START = new Object();
    private static Worker[] workers = new Worker[0];
    /** Held by the thread whose loop uses the workers. */
    private static final AtomicInteger BUSY = new AtomicInteger();
    /** The loop the workers should join; replaced for every loop. */
    private static volatile Loop current;

    private CpuThreads() {
    }

    /** Threads the kernels use (the caller included). */
    public static int threads() {
        return threads;
    }

    /** Sets the number of threads (at least 1); takes effect at the next parallel loop. */
    public static void setThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("threads must be >= 1. Received: " + n);
        threads = n;
    }

    /** How many threads a loop of {@code tasks} tasks would use now: 1 inside another parallel loop. */
    static int available(int tasks) {
        return DEPTH.get()[0] > 0 ? 1 : Math.max(1, Math.min(threads, tasks));
    }

    /**
     * Runs {@code body} for every index in [0, tasks): on the calling thread alone when there is one task or one
     * thread, else the caller and up to threads-1 workers take indices in order until all are done. Returns when
     * every index has run; rethrows the first exception of any of them.
     */
    static void forEach(int tasks, IntConsumer body) {
        int t = available(tasks);
        if (t <= 1 || !BUSY.compareAndSet(0, 1)) {
            sequential(tasks, body);
            return;
        }
        try {
            Worker[] w = workers(t - 1);
            Loop loop = new Loop(tasks, body, t - 1);
            current = loop;
            for (int i = 0; i < t - 1; i++) w[i].wake();
            loop.run();
            loop.close();
            current = null;
            Throwable failure = loop.failure.get();
            if (failure instanceof RuntimeException e) throw e;
            if (failure instanceof Error e) throw e;
        } finally {
            BUSY.set(0);
        }
    }

    private static void sequential(int tasks, IntConsumer body) {
        int[] depth = DEPTH.get();
        depth[0]++;
        try {
            for (int i = 0; i < tasks; i++) body.accept(i);
        } finally {
            depth[0]--;
        }
    }

    /** A loop body over the index range [from, to). */
    interface Range {
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over [0, n) in contiguous ranges: one range on the calling thread when n is below two
     * {@code grain}s, else about one range per thread (boundaries at multiples of 64, so vector loops rarely
     * have tails).
     */
    static void range(int n, int grain, Range body) {
        int t = n >= 2 * grain ? available(n / grain) : 1;
        if (t <= 1) {
            body.run(0, n);
            return;
        }
        forEach(t, c -> body.run(bound(n, c, t), bound(n, c + 1, t)));
    }

    /**
     * True when {@link #range} would run all of [0, n) on the calling thread: a caller then runs its body directly,
     * without making a closure for it (one object per kernel call otherwise).
     */
    static boolean serial(int n, int grain) {
        return n < 2 * grain || available(n / grain) <= 1;
    }

    private static int bound(int n, int c, int t) {
        return c == t ? n : (int) ((long) n * c / t) & ~63;
    }

    /** One parallel loop: indices are taken in order by whoever is inside. */
    private static final class Loop {
        private final int tasks;
        private final IntConsumer body;
        private final int helpers;
        private final AtomicInteger next = new AtomicInteger();
        /** Workers inside the loop. */
        private final AtomicInteger inside = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile boolean closed;

        Loop(int tasks, IntConsumer body, int helpers) {
            this.tasks = tasks;
            this.body = body;
            this.helpers = helpers;
        }

        /** Takes indices until none are left. */
        void run() {
            int[] depth = DEPTH.get();
            depth[0]++;
            try {
                for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) body.accept(i);
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
                next.set(tasks);
            } finally {
                depth[0]--;
            }
        }

        /** A worker's visit: runs indices unless the caller has already closed the loop. */
        void join() {
            inside.incrementAndGet();
            try {
                // NOTE: volatile write/read order (caller: closed then inside; worker: inside then closed) means a
                // worker that enters after the caller stopped waiting never runs the body
                if (!closed) run();
            } finally {
                inside.decrementAndGet();
            }
        }

        /** Called by the caller after its own share: turns away late workers and waits for those inside. */
        void close() {
            closed = true;
            while (inside.get() > 0) Thread.onSpinWait();
        }
    }

    /** A daemon thread that joins each new loop: spins for a while after one, then parks. */
    private static final class Worker extends Thread {
        private final int index;
        private volatile boolean parked;

        Worker(int index) {
            super("netwright-cpu-" + index);
            this.index = index;
            setDaemon(true);
        }

        void wake() {
            if (parked) LockSupport.unpark(this);
        }

        @Override
        public void run() {
            Loop last = null;
            while (true) {
                Loop loop = current;
                long spinUntil = System.nanoTime() + SPIN_NANOS;
                while (loop == null || loop == last) {
                    if (System.nanoTime() < spinUntil) {
                        Thread.onSpinWait();
                    } else {
                        parked = true;
                        loop = current;
                        if (loop == null || loop == last) LockSupport.park(this);
                        parked = false;
                        spinUntil = System.nanoTime() + SPIN_NANOS;
                    }
                    loop = current;
                }
                last = loop;
                if (index < loop.helpers) loop.join();  // fewer threads than workers: the others sit this one out
            }
        }
    }

    private static Worker[] workers(int n) {
        Worker[] w = workers;
        if (w.length >= n) return w;
        synchronized (START) {
            w = workers;
            if (w.length < n) {
                Worker[] more = java.util.Arrays.copyOf(w, n);
                for (int i = w.length; i < n; i++) {
                    more[i] = new Worker(i);
                    more[i].start();
                }
                workers = more;
                w = more;
            }
        }
        return w;
    }
}
