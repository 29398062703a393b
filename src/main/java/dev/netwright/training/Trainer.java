package dev.netwright.training;

import dev.netwright.data.Augmentation;
import dev.netwright.data.BatchLoader;
import dev.netwright.data.Dataset;
import dev.netwright.data.Normalization;
import dev.netwright.data.Scaling;
import dev.netwright.data.Split;
import dev.netwright.data.Task;
import dev.netwright.engine.Shape;
import dev.netwright.engine.Tensor;
import dev.netwright.engine.TensorScope;
import dev.netwright.engine.autograd.NoGrad;
import dev.netwright.engine.loss.Loss;
import dev.netwright.engine.optim.LrSchedule;
import dev.netwright.engine.optim.Optimizer;
import dev.netwright.engine.optim.Optimizers;
import dev.netwright.graph.GraphProblem;
import dev.netwright.graph.InvalidGraphException;
import dev.netwright.graph.Network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Mini-batch training of a {@link Network} on a {@link Dataset}: shuffle each epoch (seeded), forward,
 * loss, backward, optimizer step; one metric event per epoch with the epoch's mean loss and accuracy.
 */
public final class Trainer {
    /** Emit a progress event inside an epoch at most this often (long epochs on big data sets). */
    private static final long PROGRESS_EVERY_MS = 1000;

    /**
     * The last epoch's numbers (validation ones null without a validation part) and the input scaling the network
     * was trained with (null: none), which serving must apply too.
     */
    public record Result(double loss, Double accuracy, Double valLoss, Double valAccuracy, long steps, int epochs,
                         Normalization normalization, EarlyStop earlyStop) {
        public Result(double loss, Double accuracy, Double valLoss, Double valAccuracy, long steps, int epochs, Normalization normalization) {
            this(loss, accuracy, valLoss, valAccuracy, steps, epochs, normalization, null);
        }
    }

    /** Early stopping ended the run after {@code stoppedAfter} epochs; {@code restored}: the model has epoch {@code bestEpoch}'s weights. */
    public record EarlyStop(String metric, int stoppedAfter, int bestEpoch, double best, boolean restored) {
        public String describe(int patience) {
            return String.format(java.util.Locale.ROOT, "Stopped early after epoch %d: %s had not improved for %d epochs (best %.5g at epoch %d)%s",
                    stoppedAfter, metric, patience, best, bestEpoch, restored ? "; the model has the weights of epoch " + bestEpoch : "");
        }
    }

    /** Losses that compare the output with a one-hot vector: class labels are one-hot encoded for them. */
    static final java.util.Set<Loss> ONE_HOT_LOSSES = java.util.EnumSet.of(Loss.CROSS_ENTROPY_ONE_HOT, Loss.MSE, Loss.BINARY_CROSS_ENTROPY, Loss.BCE_WITH_LOGITS);

    private Trainer() {
    }

    /**
     * The target tensor of a batch: class indices [b] for losses that take them, one-hot rows [b, classes] for class
     * labels under a one-hot loss, else the targets in the output's shape.
     */
    static Tensor targets(Loss loss, Dataset data, float[] t, int b, Shape outShape) {
        if (loss.takesClassIndices()) return Tensor.of(Shape.of(b), t);
        if (data.task() == Task.MULTICLASS) {
            int k = data.classes();
            float[] oneHot = new float[b * k];
            for (int i = 0; i < b; i++) oneHot[i * k + (int) t[i]] = 1f;
            return Tensor.of(Shape.of(b, k), oneHot);
        }
        return Tensor.of(Shape.of(prepend(outShape, b)), t);
    }

    /** Why this network cannot train on this data set (shape or task mismatch), pinned to the Input or Output node. */
    public static List<GraphProblem> compatibility(Network net, Dataset data) {
        List<GraphProblem> problems = new ArrayList<>();
        for (String m : inputProblems(net, data)) problems.add(GraphProblem.error("DATA_MISMATCH", net.inputId(), m));
        for (String m : outputProblems(net, data)) problems.add(GraphProblem.error("DATA_MISMATCH", net.outputId(), m));
        return problems;
    }

    private static List<String> inputProblems(Network net, Dataset data) {
        List<String> p = new ArrayList<>();
        if (!net.inputShape().equals(data.featureShape())) {
            p.add("The Input layer expects samples of shape " + net.inputShape() + " but data set '" + data.id()
                    + "' has samples of shape " + data.featureShape());
        }
        return p;
    }

    private static List<String> outputProblems(Network net, Dataset data) {
        List<String> p = new ArrayList<>();
        Loss loss = net.loss();
        Shape out = net.outputShape();
        switch (data.task()) {
            case BINARY -> {
                if (out.size() != 1) p.add("Data set '" + data.id() + "' has one 0/1 target per sample; the Output must have shape [1], not " + out);
                if (loss.takesClassIndices() || loss == Loss.CROSS_ENTROPY_ONE_HOT) {
                    p.add("Loss " + loss.id() + " needs class scores; for a 0/1 target use bce (after a sigmoid), bce_with_logits or mse");
                }
            }
            case MULTICLASS -> {
                if (!loss.takesClassIndices() && !ONE_HOT_LOSSES.contains(loss)) {
                    p.add("Data set '" + data.id() + "' has class labels; use cross_entropy, nll or multi_margin (class indices) or "
                            + "cross_entropy_one_hot, mse, bce or bce_with_logits (one-hot targets), not " + loss.id());
                } else if (out.rank() != 1 || out.dim(0) != data.classes()) {
                    p.add("Data set '" + data.id() + "' has " + data.classes() + " classes; the Output must have shape [" + data.classes() + "], not " + out);
                }
            }
            case REGRESSION -> {
                if (out.size() != data.targetSize()) {
                    p.add("Data set '" + data.id() + "' has " + data.targetSize() + " targets per sample; the Output has " + out.size());
                }
                if (loss.takesClassIndices()) p.add("Loss " + loss.id() + " is for classification; use mse, mae or huber");
            }
        }
        return p;
    }

    /** Trains on every sample (no validation part). */
    public static Result train(Network net, Dataset data, RunConfig cfg, BooleanSupplier cancelled, Consumer<MetricEvent> events, long runId) {
        int[] all = new int[data.size()];
        for (int i = 0; i < all.length; i++) all[i] = i;
        return train(net, data, new Split(all, new int[0], new int[0]), cfg, cancelled, events, runId);
    }

    /**
     * Trains on {@code split.train()} until done or {@code cancelled} turns true (checked between steps): the input
     * scaling is fitted on the training part only, augmentation applies to training batches only, and after every
     * epoch the network is evaluated (eval mode, no gradients) on {@code split.validation()} when it has samples.
     *
     * @throws TrainingDivergedException when the loss or a gradient becomes NaN or infinite
     */
    public static Result train(Network net, Dataset data, Split split, RunConfig cfg, BooleanSupplier cancelled,
                               Consumer<MetricEvent> events, long runId) {
        List<GraphProblem> problems = compatibility(net, data);
        if (!problems.isEmpty()) throw new InvalidGraphException(problems);
        List<String> augProblems = cfg.augmentationOrNone().isNone() ? List.of() : cfg.augmentationOrNone().problems(data.featureShape());
        if (!augProblems.isEmpty()) throw new IllegalArgumentException(String.join("; ", augProblems));
        if (split.train().length == 0) throw new IllegalArgumentException("The training split of data set '" + data.id() + "' is empty");
        Normalization norm = cfg.scalingOrNone() == Scaling.NONE ? null : Normalization.fit(data, split.train(), cfg.scalingOrNone());
        Augmentation aug = cfg.augmentationOrNone().isNone() ? null : cfg.augmentationOrNone();
        BatchLoader loader = new BatchLoader(data, split.train(), cfg.batchSize(), true, norm, aug, cfg.seed() ^ 0x5DEECE66DL);
        BatchLoader validation = split.validation().length == 0 ? null
                : new BatchLoader(data, split.validation(), Math.max(cfg.batchSize(), 256), false, norm, null, 0);
        if (LeastSquares.NAME.equals(cfg.optimizer())) return leastSquares(net, data, split, norm, validation, events, runId);
        if (PerceptronRule.NAME.equals(cfg.optimizer())) {
            return PerceptronRule.train(net, data, split, cfg, norm, validation, cancelled, events, runId);
        }
        Optimizer opt = Optimizers.create(cfg.optimizer(), new ArrayList<>(net.parameters().values()), cfg.learningRate(), Map.of());
        LrSchedule schedule = cfg.schedule() == null ? null : cfg.schedule().create(cfg.learningRate());
        Loss loss = net.loss();
        int n = split.train().length;
        int[] inDims = prepend(data.featureShape());
        Shape outShape = net.outputShape();
        long start = System.nanoTime();
        long step = 0;
        Result last = new Result(Double.NaN, null, null, null, 0, 0, norm);
        RunConfig.Regularization reg = cfg.regularization();
        List<Tensor> weights = reg == null || reg.l1OrZero() == 0 && reg.l2OrZero() == 0 ? List.of() : weights(net);
        RunConfig.EarlyStopping es = cfg.earlyStopping();
        if (es != null && es.metric().startsWith("val_") && validation == null) {
            throw new IllegalArgumentException("earlyStopping watches " + es.metric() + " but the split has no validation part");
        }
        if (es != null && es.metric().endsWith("accuracy") && data.task() == Task.REGRESSION) {
            throw new IllegalArgumentException("earlyStopping: a regression data set has no " + es.metric() + "; watch val_loss or loss");
        }
        Map<String, Tensor> params = net.parameters();
        List<MetricEvent.LayerStat> layerStats = null;
        Batch batch = new Batch(data, loss, outShape);
        float[] outputs = new float[cfg.batchSize() * outShape.size()];
        Double best = null;
        int bestEpoch = 0;
        Map<String, float[]> bestWeights = null;
        EarlyStop stop = null;
        net.train(true);
        for (int epoch = 1; epoch <= cfg.epochs(); epoch++) {
            loader.startEpoch();
            double lossSum = 0;
            long correct = 0;
            int seen = 0;
            long lastProgress = System.currentTimeMillis();
            long epochStart = System.nanoTime();
            int b;
            int batchInEpoch = 0;
            while ((b = loader.next()) > 0) {
                if (cancelled.getAsBoolean()) return last;
                // the step's tensors are recycled when its scope closes: no arrays are allocated per step
                batch.fill(loader, b);
                float lv;
                try (TensorScope ignored = TensorScope.open()) {
                    opt.zeroGrad();
                    Tensor y = net.forward(batch.x);
                    Tensor l = loss.compute(y, batch.target);
                    lv = l.item();
                    step++;
                    if (!Float.isFinite(lv)) throw new TrainingDivergedException(step, epoch, "The loss became " + lv);
                    (weights.isEmpty() ? l : l.add(penalty(weights, reg))).backward();
                    for (var e : params.entrySet()) {
                        var g = e.getValue().gradBuffer();
                        if (g != null && e.getValue().backend().hasNonFinite(g)) {
                            throw new TrainingDivergedException(step, epoch, "The gradient of " + e.getKey() + " became NaN or infinite");
                        }
                    }
                    if (reg != null) clip(net, reg);
                    boolean diagnose = ++batchInEpoch == loader.batchesPerEpoch();
                    Map<String, float[]> before = diagnose ? values(params) : null;
                    opt.step();
                    if (diagnose) layerStats = layerStats(params, before);
                    y.copyTo(outputs, 0);
                }
                lossSum += (double) lv * b;
                correct += countCorrect(data.task(), loss, outputs, loader.targets(), b, outShape.size());
                seen += b;
                long now = System.currentTimeMillis();
                if (seen < n && now - lastProgress >= PROGRESS_EVERY_MS) {
                    lastProgress = now;
                    events.accept(event(runId, step, epoch, lossSum / seen, accuracy(data.task(), correct, seen), opt, seen, epochStart, start, null));
                }
            }
            double secs = Math.max(1e-9, (System.nanoTime() - epochStart) / 1e9);
            Evaluation val = validation == null ? null : evaluate(net, data, validation, loss);
            MetricEvent ev = MetricEvent.metric(runId, step, epoch, lossSum / seen, accuracy(data.task(), correct, seen), opt.learningRate(),
                    seen / secs, (System.nanoTime() - start) / 1_000_000, val == null ? null : val.loss(), val == null ? null : val.accuracy());
            ev = ev.withLayers(layerStats);
            last = new Result(ev.loss(), ev.accuracy(), ev.valLoss(), ev.valAccuracy(), step, epoch, norm);
            events.accept(ev);
            if (schedule != null) opt.setLearningRate(schedule.step(ev.loss()));
            if (es != null) {
                double v = switch (es.metric()) {
                    case "val_loss" -> ev.valLoss();
                    case "val_accuracy" -> ev.valAccuracy();
                    case "accuracy" -> ev.accuracy();
                    default -> ev.loss();
                };
                double delta = es.minDelta() == null ? 0 : es.minDelta();
                if (best == null || (es.higherIsBetter() ? v > best + delta : v < best - delta)) {
                    best = v;
                    bestEpoch = epoch;
                    if (!Boolean.FALSE.equals(es.restoreBest())) bestWeights = snapshot(net);
                } else if (epoch - bestEpoch >= es.patience()) {
                    boolean restore = bestWeights != null;
                    if (restore) restore(net, bestWeights);
                    stop = new EarlyStop(es.metric(), epoch, bestEpoch, best, restore);
                    break;
                }
            }
        }
        net.train(false);
        return stop == null ? last : new Result(last.loss(), last.accuracy(), last.valLoss(), last.valAccuracy(), last.steps(),
                last.epochs(), norm, stop);
    }

    /**
     * The input and target tensors of training steps, made once per batch size (the last batch of an epoch may be
     * smaller) and refilled in place from the loader's buffers.
     */
    private static final class Batch {
        private final Dataset data;
        private final Loss loss;
        private final Shape outShape;
        private final Map<Integer, Tensor[]> bySize = new java.util.HashMap<>();
        private float[] oneHot = new float[0];
        Tensor x;
        Tensor target;

        Batch(Dataset data, Loss loss, Shape outShape) {
            this.data = data;
            this.loss = loss;
            this.outShape = outShape;
        }

        void fill(BatchLoader loader, int b) {
            Tensor[] t = bySize.computeIfAbsent(b, size -> new Tensor[]{
                    Tensor.zeros(Shape.of(prepend(data.featureShape(), size))),
                    targets(loss, data, new float[size * data.targetSize()], size, outShape)});
            x = t[0];
            target = t[1];
            x.copyFrom(loader.features(), 0);
            if (!loss.takesClassIndices() && data.task() == Task.MULTICLASS) {
                int k = data.classes();
                if (oneHot.length < b * k) oneHot = new float[b * k];
                java.util.Arrays.fill(oneHot, 0, b * k, 0f);
                float[] labels = loader.targets();
                for (int i = 0; i < b; i++) oneHot[i * k + (int) labels[i]] = 1f;
                target.copyFrom(oneHot, 0);
            } else {
                target.copyFrom(loader.targets(), 0);
            }
        }
    }

    private static Map<String, float[]> values(Map<String, Tensor> params) {
        Map<String, float[]> v = new java.util.HashMap<>();
        params.forEach((k, t) -> v.put(k, t.toArray()));
        return v;
    }

    /** Gradient norm, weight norm and update-to-weight ratio of each parameter over the step just taken. */
    static List<MetricEvent.LayerStat> layerStats(Map<String, Tensor> params, Map<String, float[]> before) {
        List<MetricEvent.LayerStat> out = new ArrayList<>();
        params.forEach((name, t) -> {
            double grad = t.gradBuffer() == null ? 0 : Math.sqrt(t.backend().sumOfSquares(t.gradBuffer()));
            float[] now = t.toArray();
            float[] old = before.get(name);
            double w = 0, d = 0;
            for (int i = 0; i < now.length; i++) {
                w += (double) old[i] * old[i];
                double u = (double) now[i] - old[i];
                d += u * u;
            }
            w = Math.sqrt(w);
            out.add(new MetricEvent.LayerStat(name, grad, w, w == 0 ? 0 : Math.sqrt(d) / w));
        });
        return out;
    }

    /** The weight matrices and kernels that L1/L2 penalties apply to: parameters named {@code <node>.weight}. */
    static List<Tensor> weights(Network net) {
        List<Tensor> w = new ArrayList<>();
        net.parameters().forEach((name, t) -> {
            if (name.endsWith(".weight")) w.add(t);
        });
        return w;
    }

    /** l1·Σ|w| + l2/2·Σw² over the weights. */
    static Tensor penalty(List<Tensor> weights, RunConfig.Regularization reg) {
        Tensor total = null;
        for (Tensor w : weights) {
            Tensor t = null;
            if (reg.l2OrZero() > 0) t = w.mul(w).sum().mul((float) (reg.l2OrZero() / 2));
            if (reg.l1OrZero() > 0) {
                Tensor a = w.abs().sum().mul((float) reg.l1OrZero());
                t = t == null ? a : t.add(a);
            }
            total = total == null ? t : total.add(t);
        }
        return total;
    }

    /** Clips the gradients: each value to ±clipValue, then all of them together to an L2 norm of at most clipNorm. */
    static void clip(Network net, RunConfig.Regularization reg) {
        double value = reg.clipValue() == null ? 0 : reg.clipValue();
        double maxNorm = reg.clipNorm() == null ? 0 : reg.clipNorm();
        if (value > 0) {
            for (Tensor p : net.parameters().values()) {
                if (p.gradBuffer() == null) continue;
                Tensor g = p.grad();
                float[] v = g.toArray();
                float c = (float) value;
                for (int i = 0; i < v.length; i++) v[i] = Math.max(-c, Math.min(c, v[i]));
                g.copyFrom(v);
            }
        }
        if (maxNorm > 0) {
            double ss = 0;
            for (Tensor p : net.parameters().values()) if (p.gradBuffer() != null) ss += p.backend().sumOfSquares(p.gradBuffer());
            double norm = Math.sqrt(ss);
            if (norm > maxNorm) {
                float f = (float) (maxNorm / norm);
                for (Tensor p : net.parameters().values()) {
                    if (p.gradBuffer() != null) p.backend().unary(dev.netwright.engine.backend.UnaryOp.SCALE, f, p.gradBuffer(), p.gradBuffer());
                }
            }
        }
    }

    private static Map<String, float[]> snapshot(Network net) {
        Map<String, float[]> s = new java.util.HashMap<>();
        net.parameters().forEach((k, t) -> s.put("p:" + k, t.toArray()));
        net.buffers().forEach((k, t) -> s.put("b:" + k, t.toArray()));
        return s;
    }

    private static void restore(Network net, Map<String, float[]> s) {
        net.parameters().forEach((k, t) -> t.copyFrom(s.get("p:" + k)));
        net.buffers().forEach((k, t) -> t.copyFrom(s.get("b:" + k)));
    }

    /** The closed-form solution as a one-epoch run: solve, then report training and validation loss. */
    private static Result leastSquares(Network net, Dataset data, Split split, Normalization norm, BatchLoader validation,
                                       Consumer<MetricEvent> events, long runId) {
        List<GraphProblem> problems = LeastSquares.problems(net);
        if (!problems.isEmpty()) throw new InvalidGraphException(problems);
        long start = System.nanoTime();
        LeastSquares.fit(net, data, split.train(), norm);
        Evaluation train = evaluate(net, data, new BatchLoader(data, split.train(), 1024, false, norm, null, 0), net.loss());
        Evaluation val = validation == null ? null : evaluate(net, data, validation, net.loss());
        double secs = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        MetricEvent ev = MetricEvent.metric(runId, 1, 1, train.loss(), train.accuracy(), 0, split.train().length / secs,
                (System.nanoTime() - start) / 1_000_000, val == null ? null : val.loss(), val == null ? null : val.accuracy());
        events.accept(ev);
        net.train(false);
        return new Result(ev.loss(), ev.accuracy(), ev.valLoss(), ev.valAccuracy(), 1, 1, norm);
    }

    /** Mean loss and accuracy of a network on some samples. */
    public record Evaluation(double loss, Double accuracy, int samples) {
    }

    /** Evaluates in eval mode without recording gradients, then returns the network to training mode. */
    static Evaluation evaluate(Network net, Dataset data, BatchLoader batches, Loss loss) {
        int[] inDims = prepend(data.featureShape());
        Shape outShape = net.outputShape();
        double lossSum = 0;
        long correct = 0;
        int seen = 0;
        net.train(false);
        try (var ignored = NoGrad.enter()) {
            batches.startEpoch();
            int b;
            while ((b = batches.next()) > 0) {
                inDims[0] = b;
                Tensor x = Tensor.of(Shape.of(inDims), Arrays.copyOf(batches.features(), b * data.featureSize()));
                float[] t = Arrays.copyOf(batches.targets(), b * data.targetSize());
                Tensor target = targets(loss, data, t, b, outShape);
                try (TensorScope ignored2 = TensorScope.open()) {
                    Tensor y = net.forward(x);
                    lossSum += (double) loss.compute(y, target).item() * b;
                    correct += countCorrect(data.task(), loss, y.toArray(), t, b, outShape.size());
                }
                seen += b;
            }
        } finally {
            net.train(true);
        }
        return new Evaluation(lossSum / seen, accuracy(data.task(), correct, seen), seen);
    }

    private static MetricEvent event(long runId, long step, int epoch, double loss, Double acc, Optimizer opt, int seen,
                                     long epochStart, long start, Evaluation val) {
        double secs = Math.max(1e-9, (System.nanoTime() - epochStart) / 1e9);
        return MetricEvent.metric(runId, step, epoch, loss, acc, opt.learningRate(), seen / secs, (System.nanoTime() - start) / 1_000_000,
                val == null ? null : val.loss(), val == null ? null : val.accuracy());
    }

    private static Double accuracy(Task task, long correct, int seen) {
        return task == Task.REGRESSION ? null : (double) correct / seen;
    }

    /** Correct predictions in a batch: argmax for classes, threshold for a binary output. */
    static long countCorrect(Task task, Loss loss, float[] y, float[] t, int b, int width) {
        long c = 0;
        switch (task) {
            case BINARY -> {
                float threshold = loss == Loss.BCE_WITH_LOGITS ? 0f : 0.5f;
                for (int i = 0; i < b; i++) if ((y[i] > threshold ? 1f : 0f) == t[i]) c++;
            }
            case MULTICLASS -> {
                for (int i = 0; i < b; i++) {
                    int best = 0;
                    for (int k = 1; k < width; k++) if (y[i * width + k] > y[i * width + best]) best = k;
                    if (best == (int) t[i]) c++;
                }
            }
            case REGRESSION -> { }
        }
        return c;
    }

    private static int[] prepend(Shape s) {
        return prepend(s, 0);
    }

    private static int[] prepend(Shape s, int first) {
        int[] d = new int[s.rank() + 1];
        d[0] = first;
        System.arraycopy(s.toArray(), 0, d, 1, s.rank());
        return d;
    }
}
