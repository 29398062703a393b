package dev.netwright.training;

import dev.netwright.data.BatchLoader;
import dev.netwright.engine.optim.Optimizer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a run needs to continue exactly where it was, between two steps: the weights and buffers, the
 * optimizer's moments and step count, the schedule's state, the data loader's order, position and generators,
 * every layer's generator (dropout, noise), the weight-noise generator, early stopping's best so far and the
 * running sums of the epoch in progress. Training from a checkpoint gives the same weights, bit for bit, as
 * training without stopping ({@code CheckpointTest}).
 *
 * @param epoch        the epoch to continue (1-based)
 * @param batchInEpoch batches of that epoch already done (0: the epoch has not started)
 * @param step         optimizer steps so far
 * @param elapsedMs    training time so far (pauses and the time between stop and resume excluded)
 * @param savedAtMs    when it was written (epoch millis)
 */
public record Checkpoint(int epoch, int batchInEpoch, long step, long elapsedMs, long savedAtMs,
                         double lossSum, long correct, int seen,
                         Map<String, float[]> parameters, Map<String, float[]> buffers,
                         Optimizer.State optimizer, double learningRate, double[] schedule,
                         BatchLoader.State loader, Map<String, Long> layerRngs, long noiseRng,
                         Best best, Trainer.Result last) {

    /** Early stopping's best value so far, its epoch and (with restore-best) that epoch's weights; null before the first epoch. */
    public record Best(double value, int epoch, Map<String, float[]> weights) {
    }

    /** The small part of a checkpoint that lists and pages show, read without the weights. */
    public record Info(int epoch, int batchInEpoch, long step, long savedAtMs) {
    }

    private static final int MAGIC = 0x4E57434B; // "NWCK"
    private static final int FORMAT = 1;

    /** The same state, continuing with another learning rate (resuming a run that diverged, say). */
    public Checkpoint withLearningRate(double lr) {
        return new Checkpoint(epoch, batchInEpoch, step, elapsedMs, savedAtMs, lossSum, correct, seen, parameters, buffers, optimizer, lr,
                schedule, loader, layerRngs, noiseRng, best, last);
    }

    public Info info() {
        return new Info(epoch, batchInEpoch, step, savedAtMs);
    }

    /** Writes the checkpoint (binary, big-endian, header first so {@link #readInfo} needs only a few bytes). */
    public void write(OutputStream os) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os, 1 << 16));
        out.writeInt(MAGIC);
        out.writeInt(FORMAT);
        out.writeInt(epoch);
        out.writeInt(batchInEpoch);
        out.writeLong(step);
        out.writeLong(savedAtMs);
        out.writeLong(elapsedMs);
        out.writeDouble(lossSum);
        out.writeLong(correct);
        out.writeInt(seen);
        writeArrays(out, parameters);
        writeArrays(out, buffers);
        out.writeInt(optimizer.step());
        out.writeInt(optimizer.perParameter().size());
        for (float[][] s : optimizer.perParameter()) {
            out.writeInt(s == null ? -1 : s.length);
            if (s != null) for (float[] v : s) writeFloats(out, v);
        }
        out.writeDouble(learningRate);
        writeDoubles(out, schedule);
        int[] order = loader.order();
        out.writeInt(order.length);
        for (int i : order) out.writeInt(i);
        out.writeInt(loader.cursor());
        out.writeInt(loader.epoch());
        out.writeLong(loader.shuffleRng());
        out.writeLong(loader.augmentRng());
        out.writeInt(layerRngs.size());
        for (var e : layerRngs.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue());
        }
        out.writeLong(noiseRng);
        out.writeBoolean(best != null);
        if (best != null) {
            out.writeDouble(best.value());
            out.writeInt(best.epoch());
            out.writeBoolean(best.weights() != null);
            if (best.weights() != null) writeArrays(out, best.weights());
        }
        out.writeBoolean(last != null);
        if (last != null) {
            out.writeDouble(last.loss());
            writeNullable(out, last.accuracy());
            writeNullable(out, last.valLoss());
            writeNullable(out, last.valAccuracy());
            out.writeLong(last.steps());
            out.writeInt(last.epochs());
        }
        out.writeInt(MAGIC); // trailer: a truncated file fails to read instead of resuming from half a state
        out.flush();
    }

    /** Reads a checkpoint written by {@link #write}. @throws IOException when it is not one, or is truncated */
    public static Checkpoint read(InputStream is) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(is, 1 << 16));
        Info info = header(in);
        long elapsed = in.readLong();
        double lossSum = in.readDouble();
        long correct = in.readLong();
        int seen = in.readInt();
        Map<String, float[]> params = readArrays(in);
        Map<String, float[]> buffers = readArrays(in);
        int optStep = in.readInt();
        int n = in.readInt();
        List<float[][]> per = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            int m = in.readInt();
            if (m < 0) {
                per.add(null);
                continue;
            }
            float[][] s = new float[m][];
            for (int i = 0; i < m; i++) s[i] = readFloats(in);
            per.add(s);
        }
        double lr = in.readDouble();
        double[] schedule = readDoubles(in);
        int[] order = new int[in.readInt()];
        for (int i = 0; i < order.length; i++) order[i] = in.readInt();
        BatchLoader.State loader = new BatchLoader.State(order, in.readInt(), in.readInt(), in.readLong(), in.readLong());
        int r = in.readInt();
        Map<String, Long> rngs = new LinkedHashMap<>();
        for (int i = 0; i < r; i++) rngs.put(in.readUTF(), in.readLong());
        long noise = in.readLong();
        Best best = null;
        if (in.readBoolean()) {
            double v = in.readDouble();
            int e = in.readInt();
            best = new Best(v, e, in.readBoolean() ? readArrays(in) : null);
        }
        Trainer.Result last = null;
        if (in.readBoolean()) {
            last = new Trainer.Result(in.readDouble(), readNullable(in), readNullable(in), readNullable(in), in.readLong(), in.readInt(), null);
        }
        if (in.readInt() != MAGIC) throw new IOException("The checkpoint has no end marker (truncated or corrupt)");
        return new Checkpoint(info.epoch(), info.batchInEpoch(), info.step(), elapsed, info.savedAtMs(), lossSum, correct, seen, params,
                buffers, new Optimizer.State(optStep, per), lr, schedule, loader, rngs, noise, best, last);
    }

    /** Reads only the header. */
    public static Info readInfo(InputStream is) throws IOException {
        return header(new DataInputStream(is));
    }

    private static Info header(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) throw new IOException("Not a Netwright checkpoint");
        int format = in.readInt();
        if (format != FORMAT) throw new IOException("Checkpoint format " + format + " is not supported (expected " + FORMAT + ")");
        int epoch = in.readInt();
        int batch = in.readInt();
        long step = in.readLong();
        long saved = in.readLong();
        return new Info(epoch, batch, step, saved);
    }

    private static void writeArrays(DataOutputStream out, Map<String, float[]> m) throws IOException {
        out.writeInt(m.size());
        for (var e : m.entrySet()) {
            out.writeUTF(e.getKey());
            writeFloats(out, e.getValue());
        }
    }

    private static Map<String, float[]> readArrays(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) throw new IOException("Corrupt checkpoint (negative count)");
        Map<String, float[]> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) m.put(in.readUTF(), readFloats(in));
        return m;
    }

    private static void writeFloats(DataOutputStream out, float[] v) throws IOException {
        out.writeInt(v.length);
        for (float f : v) out.writeFloat(f);
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (1 << 30)) throw new IOException("Corrupt checkpoint (array of " + n + " values)");
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = in.readFloat();
        return v;
    }

    private static void writeDoubles(DataOutputStream out, double[] v) throws IOException {
        out.writeInt(v == null ? -1 : v.length);
        if (v != null) for (double d : v) out.writeDouble(d);
    }

    private static double[] readDoubles(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) return null;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = in.readDouble();
        return v;
    }

    private static void writeNullable(DataOutputStream out, Double d) throws IOException {
        out.writeBoolean(d != null);
        if (d != null) out.writeDouble(d);
    }

    private static Double readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }
}
