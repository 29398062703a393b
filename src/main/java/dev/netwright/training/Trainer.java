package dev.netwright.training;

import dev.netwright.data.Augmentation;
import dev.netwright.data.BatchLoader;
import dev.netwright.data.Dataset;
import dev.netwright.data.Normalization;
import dev.netwright.data.Scaling;
import dev.netwright.data.Split;
import dev.netwright.data.Task;
import dev.netwright.engine.Rng;
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

    /** Write a checkpoint after an epoch when the last one is at least this old (runs without {@code checkpointEvery}). */
    public static final int CHECKPOINT_MIN_INTERVAL_S = 30;

    /**
     * What a caller adds to a training run: when to stop ({@code cancelled}, checked between steps; a pause is a
     * supplier that blocks), where metric events go, where checkpoints go (null: none are made) and a checkpoint to
     * continue from (null: start from the network's weights).
     */
    public record Options(BooleanSupplier cancelled, Consumer<MetricEvent> events, long runId, Consumer<Checkpoint> checkpoints,
                          Checkpoint resumeFrom, BooleanSupplier checkpointNow) {
        public Options(BooleanSupplier cancelled, Consumer<MetricEvent> events, long runId, Consumer<Checkpoint> checkpoints, Checkpoint resumeFrom) {
            this(cancelled, events, runId, checkpoints, resumeFrom, null);
        }

        public static Options of(BooleanSupplier cancelled, Consumer<MetricEvent> events, long runId) {
            return new Options(cancelled, events, runId, null, null, null);
        }
    }

    /** Trains on every sample (no validation part). */
    public static Result train(Network net, Dataset data, RunConfig cfg, BooleanSupplier cancelled, Consumer<MetricEvent> events, long runId) {
        return train(net, data, all(data), cfg, Options.of(cancelled, events, runId));
    }

    private static Split all(Dataset data) {
        int[] all = new int[data.size()];
        for (int i = 0; i < all.length; i++) all[i] = i;
        return new Split(all, new int[0], new int[0]);
    }

    public static Result train(Network net, Dataset data, Split split, RunConfig cfg, BooleanSupplier cancelled,
                               Consumer<MetricEvent> events, long runId) {
        return train(net, data, split, cfg, Options.of(cancelled, events, runId));
    }

    /**
     * Trains on {@code split.train()} until done or cancelled (checked between steps): the input scaling is fitted on
     * the training part only, augmentation applies to training batches only, and after every epoch the network is
     * evaluated (eval mode, no gradients) on {@code split.validation()} when it has samples. With
     * {@code options.checkpoints()} a {@link Checkpoint} is handed over every {@code cfg.checkpointEvery()} epochs (or
     * time-based, see {@link #CHECKPOINT_MIN_INTERVAL_S}), when {@code options.checkpointNow()} says so (a pause) and
     * when the run is cancelled; only states whose weights are
     * all finite are checkpointed, so a diverging run keeps its last good one.
     *
     * @throws TrainingDivergedException when the loss or a gradient becomes NaN or infinite
     */
    public static Result train(Network net, Dataset data, Split split, RunConfig cfg, Options options) {
        List<GraphProblem> problems = compatibility(net, data);
        if (!problems.isEmpty()) throw new InvalidGraphException(problems);
        List<String> augProblems = cfg.augmentationOrNone().isNone() ? List.of() : cfg.augmentationOrNone().problems(data.featureShape());
        if (!augProblems.isEmpty()) throw new IllegalArgumentException(String.join("; ", augProblems));
        if (split.train().length == 0) throw new IllegalArgumentException("The training split of data set '" + data.id() + "' is empty");
        Normalization norm = cfg.scalingOrNone() == Scaling.NONE ? null : Normalization.fit(data, split.train(), cfg.scalingOrNone());
        Augmentation aug = cfg.augmentationOrNone().isNone() ? null : cfg.augmentationOrNone();
        BatchLoader validation = split.validation().length == 0 ? null
                : new BatchLoader(data, split.validation(), Math.max(cfg.batchSize(), 256), false, norm, null, 0);
        if (LeastSquares.NAME.equals(cfg.optimizer())) return leastSquares(net, data, split, norm, validation, options.events(), options.runId());
        if (PerceptronRule.NAME.equals(cfg.optimizer())) {
            return PerceptronRule.train(net, data, split, cfg, norm, validation, options.cancelled(), options.events(), options.runId());
        }
        RunConfig.EarlyStopping es = cfg.earlyStopping();
        if (es != null && es.metric().startsWith("val_") && validation == null) {
            throw new IllegalArgumentException("earlyStopping watches " + es.metric() + " but the split has no validation part");
        }
        if (es != null && es.metric().endsWith("accuracy") && data.task() == Task.REGRESSION) {
            throw new IllegalArgumentException("earlyStopping: a regression data set has no " + es.metric() + "; watch val_loss or loss");
        }
        return new Run(net, data, cfg, options, norm, aug, split, validation).train();
    }

    /** One training run's state: everything a {@link Checkpoint} saves lives here. */
    private static final class Run {
        final Network net;
        final Dataset data;
        final RunConfig cfg;
        final Options options;
        final Normalization norm;
        final BatchLoader loader;
        final BatchLoader validation;
        final Optimizer opt;
        final LrSchedule schedule;
        final Loss loss;
        final RunConfig.Regularization reg;
        final List<Penalized> penalized;
        final WeightNoise noise;
        final Map<String, Tensor> params;
        final Batch batch;
        final float[] outputs;
        final Diagnostics diagnostics;
        int epoch = 1;
        int batchInEpoch;
        long step;
        double lossSum;
        long correct;
        int seen;
        long elapsedBefore;
        Checkpoint.Best best;
        Result last;
        long lastCheckpointNanos = System.nanoTime();

        Run(Network net, Dataset data, RunConfig cfg, Options options, Normalization norm, Augmentation aug, Split split, BatchLoader validation) {
            this.net = net;
            this.data = data;
            this.cfg = cfg;
            this.options = options;
            this.norm = norm;
            this.validation = validation;
            this.loader = new BatchLoader(data, split.train(), cfg.batchSize(), true, norm, aug, cfg.seed() ^ 0x5DEECE66DL);
            this.opt = Optimizers.create(cfg.optimizer(), new ArrayList<>(net.parameters().values()), cfg.learningRate(), cfg.optimizerOptionsOrEmpty());
            this.schedule = cfg.schedule() == null ? null : cfg.schedule().create(cfg.learningRate());
            this.loss = net.loss();
            this.reg = cfg.regularization();
            this.penalized = reg == null || !reg.penalizes() ? List.of() : penalized(net, reg);
            this.noise = reg == null || reg.weightNoiseOrZero() == 0 ? null : new WeightNoise(weights(net, Boolean.TRUE.equals(reg.includeBiases())),
                    (float) reg.weightNoiseOrZero(), cfg.seed() ^ 0x2545F4914F6CDD1DL);
            this.params = net.parameters();
            this.batch = new Batch(data, loss, net.outputShape());
            this.outputs = new float[cfg.batchSize() * net.outputShape().size()];
            this.diagnostics = new Diagnostics(net, cfg.diagnosticsEvery());
            this.last = new Result(Double.NaN, null, null, null, 0, 0, norm);
        }

        Result train() {
            if (options.resumeFrom() != null) resumeFrom(options.resumeFrom());
            RunConfig.EarlyStopping es = cfg.earlyStopping();
            int n = loader.size();
            long start = System.nanoTime();
            EarlyStop stop = null;
            net.train(true);
            for (; epoch <= cfg.epochs(); epoch++) {
                // the loader starts the epoch just before its first batch, so a checkpoint taken before that (batchInEpoch 0)
                // has the loader as the previous epoch left it
                boolean starting = batchInEpoch == 0;
                if (starting) {
                    lossSum = 0;
                    correct = 0;
                    seen = 0;
                }
                long lastProgress = System.currentTimeMillis();
                long epochStart = System.nanoTime();
                int seenAtStart = seen;
                while (true) {
                    if (options.checkpointNow() != null && options.checkpointNow().getAsBoolean()) {
                        elapsedBefore += (System.nanoTime() - start) / 1_000_000;
                        start = System.nanoTime();
                        checkpoint();
                    }
                    if (options.cancelled().getAsBoolean()) {
                        elapsedBefore += (System.nanoTime() - start) / 1_000_000;
                        start = System.nanoTime();
                        checkpoint();
                        return last;
                    }
                    // a pause that arrived between the two checks: checkpoint, then go round to wait in cancelled()
                    if (options.checkpointNow() != null && options.checkpointNow().getAsBoolean()) {
                        elapsedBefore += (System.nanoTime() - start) / 1_000_000;
                        start = System.nanoTime();
                        checkpoint();
                        continue;
                    }
                    if (starting) {
                        loader.startEpoch();
                        starting = false;
                    }
                    int b = loader.next();
                    if (b == 0) break;
                    float lv = step(b);
                    lossSum += (double) lv * b;
                    correct += countCorrect(data.task(), loss, outputs, loader.targets(), b, net.outputShape().size());
                    seen += b;
                    long now = System.currentTimeMillis();
                    boolean diagnosed = diagnostics.fresh();
                    if (seen < n && (diagnosed || now - lastProgress >= PROGRESS_EVERY_MS)) {
                        lastProgress = now;
                        double secs = Math.max(1e-9, (System.nanoTime() - epochStart) / 1e9);
                        MetricEvent ev = MetricEvent.metric(options.runId(), step, epoch, lossSum / seen, accuracy(data.task(), correct, seen),
                                opt.learningRate(), (seen - seenAtStart) / secs, elapsed(start), null, null);
                        options.events().accept(diagnosed ? diagnostics.attach(ev) : ev);
                    }
                }
                double secs = Math.max(1e-9, (System.nanoTime() - epochStart) / 1e9);
                Evaluation val = validation == null ? null : evaluate(net, data, validation, loss);
                MetricEvent ev = MetricEvent.metric(options.runId(), step, epoch, lossSum / seen, accuracy(data.task(), correct, seen),
                        opt.learningRate(), (seen - seenAtStart) / secs, elapsed(start), val == null ? null : val.loss(),
                        val == null ? null : val.accuracy());
                ev = diagnostics.attach(ev);
                last = new Result(ev.loss(), ev.accuracy(), ev.valLoss(), ev.valAccuracy(), step, epoch, norm);
                options.events().accept(ev);
                if (schedule != null) opt.setLearningRate(schedule.step(ev.loss()));
                batchInEpoch = 0;
                if (es != null) {
                    double v = switch (es.metric()) {
                        case "val_loss" -> ev.valLoss();
                        case "val_accuracy" -> ev.valAccuracy();
                        case "accuracy" -> ev.accuracy();
                        default -> ev.loss();
                    };
                    double delta = es.minDelta() == null ? 0 : es.minDelta();
                    if (best == null || (es.higherIsBetter() ? v > best.value() + delta : v < best.value() - delta)) {
                        best = new Checkpoint.Best(v, epoch, Boolean.FALSE.equals(es.restoreBest()) ? null : snapshot(net));
                    } else if (epoch - best.epoch() >= es.patience()) {
                        boolean restore = best.weights() != null;
                        if (restore) Trainer.restore(net, best.weights());
                        stop = new EarlyStop(es.metric(), epoch, best.epoch(), best.value(), restore);
                        break;
                    }
                }
                if (epoch < cfg.epochs() && checkpointDue()) {
                    epoch++;
                    elapsedBefore += (System.nanoTime() - start) / 1_000_000;
                    start = System.nanoTime();
                    checkpoint();
                    epoch--;
                }
            }
            net.train(false);
            return stop == null ? last : new Result(last.loss(), last.accuracy(), last.valLoss(), last.valAccuracy(), last.steps(),
                    last.epochs(), norm, stop);
        }

        private long elapsed(long start) {
            return elapsedBefore + (System.nanoTime() - start) / 1_000_000;
        }

        private boolean checkpointDue() {
            if (options.checkpoints() == null) return false;
            if (cfg.checkpointEvery() != null) return epoch % cfg.checkpointEvery() == 0;
            return System.nanoTime() - lastCheckpointNanos >= CHECKPOINT_MIN_INTERVAL_S * 1_000_000_000L;
        }

        /** One optimizer step on the batch of {@code b} samples the loader just filled; returns its loss. */
        private float step(int b) {
            batch.fill(loader, b);
            float lv;
            // the step's tensors are recycled when its scope closes: no arrays are allocated per step
            try (TensorScope ignored = TensorScope.open()) {
                opt.zeroGrad();
                if (noise != null) noise.perturb();
                boolean diagnose = diagnostics.due(step + 1, ++batchInEpoch == loader.batchesPerEpoch());
                Tensor y = diagnose ? net.forward(batch.x, diagnostics::observe) : net.forward(batch.x);
                Tensor l = loss.compute(y, batch.target);
                lv = l.item();
                step++;
                if (!Float.isFinite(lv)) throw new TrainingDivergedException(step, epoch, "The loss became " + lv);
                (penalized.isEmpty() ? l : l.add(penalty(penalized))).backward();
                if (noise != null) noise.restore();
                for (var e : params.entrySet()) {
                    var g = e.getValue().gradBuffer();
                    if (g != null && e.getValue().backend().hasNonFinite(g)) {
                        throw new TrainingDivergedException(step, epoch, "The gradient of " + e.getKey() + " became NaN or infinite");
                    }
                }
                if (reg != null) clip(net, reg);
                Map<String, float[]> before = diagnose ? values(params) : null;
                opt.step();
                if (diagnose) diagnostics.parameters(layerStats(params, before));
                y.copyTo(outputs, 0);
            }
            return lv;
        }

        /** Hands the state over as a checkpoint, unless a weight is not finite (a diverging run keeps its last good one). */
        private void checkpoint() {
            if (options.checkpoints() == null) return;
            Map<String, float[]> p = new java.util.LinkedHashMap<>();
            for (var e : params.entrySet()) {
                float[] v = e.getValue().toArray();
                for (float f : v) if (!Float.isFinite(f)) return;
                p.put(e.getKey(), v);
            }
            Map<String, float[]> buffers = new java.util.LinkedHashMap<>();
            net.buffers().forEach((k, t) -> buffers.put(k, t.toArray()));
            Map<String, Long> rngs = new java.util.LinkedHashMap<>();
            net.rngs().forEach((k, r) -> rngs.put(k, r.state()));
            options.checkpoints().accept(new Checkpoint(epoch, batchInEpoch, step, elapsedBefore, System.currentTimeMillis(), lossSum, correct,
                    seen, p, buffers, opt.state(), opt.learningRate(), schedule == null ? null : schedule.state(), loader.state(), rngs,
                    noise == null ? 0 : noise.rng.state(), best, last));
            lastCheckpointNanos = System.nanoTime();
        }

        private void resumeFrom(Checkpoint c) {
            net.load(c.parameters(), c.buffers());
            opt.restore(c.optimizer());
            opt.setLearningRate(c.learningRate());
            if (schedule != null && c.schedule() != null) schedule.restore(c.schedule());
            loader.restore(c.loader());
            Map<String, Rng> rngs = net.rngs();
            c.layerRngs().forEach((k, v) -> {
                Rng r = rngs.get(k);
                if (r == null) throw new IllegalArgumentException("The checkpoint has a random generator for layer '" + k + "', the network does not");
                r.setState(v);
            });
            if (noise != null) noise.rng.setState(c.noiseRng());
            epoch = c.epoch();
            batchInEpoch = c.batchInEpoch();
            step = c.step();
            lossSum = c.lossSum();
            correct = c.correct();
            seen = c.seen();
            elapsedBefore = c.elapsedMs();
            best = c.best();
            if (c.last() != null) last = new Result(c.last().loss(), c.last().accuracy(), c.last().valLoss(), c.last().valAccuracy(),
                    c.last().steps(), c.last().epochs(), norm);
        }
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

    /**
     * The parameters that L1/L2 penalties and weight noise apply to: weight matrices and kernels ({@code weight},
     * {@code weight_ih}, {@code weight_hh}, {@code weight_v}), and with {@code includeBiases} the biases too; never the
     * scales and shifts of BatchNorm / LayerNorm, PReLU's slopes or weight norm's {@code weight_g}.
     */
    static List<Tensor> weights(Network net, boolean includeBiases) {
        List<Tensor> w = new ArrayList<>();
        for (Network.Step s : net.steps()) {
            if (!penalizable(s.module())) continue;
            s.module().parameters().forEach((name, t) -> {
                if (isWeight(name) || includeBiases && name.startsWith("bias")) w.add(t);
            });
        }
        return w;
    }

    static List<Tensor> weights(Network net) {
        return weights(net, false);
    }

    private static boolean penalizable(dev.netwright.engine.nn.Module m) {
        return !(m instanceof dev.netwright.engine.nn.BatchNorm || m instanceof dev.netwright.engine.nn.LayerNorm
                || m instanceof dev.netwright.engine.nn.PReLU);
    }

    private static boolean isWeight(String name) {
        return name.equals("weight") || name.equals("weight_ih") || name.equals("weight_hh") || name.equals("weight_v");
    }

    /** One parameter with the L1 and L2 factors of its layer. */
    record Penalized(Tensor tensor, float l1, float l2) {
    }

    /** Every penalised parameter with its layer's factors (per-layer entries override the global ones); zero factors left out. */
    static List<Penalized> penalized(Network net, RunConfig.Regularization reg) {
        boolean biases = Boolean.TRUE.equals(reg.includeBiases());
        if (reg.layers() != null) {
            for (String id : reg.layers().keySet()) {
                if (net.steps().stream().noneMatch(s -> s.nodeId().equals(id))) {
                    throw new IllegalArgumentException("regularization.layers names node '" + id + "', which is not in the graph");
                }
            }
        }
        List<Penalized> out = new ArrayList<>();
        for (Network.Step s : net.steps()) {
            if (!penalizable(s.module())) continue;
            RunConfig.Penalty p = reg.penaltyOf(s.nodeId());
            if (p.l1OrZero() == 0 && p.l2OrZero() == 0) continue;
            s.module().parameters().forEach((name, t) -> {
                if (isWeight(name) || biases && name.startsWith("bias")) out.add(new Penalized(t, (float) p.l1OrZero(), (float) p.l2OrZero()));
            });
        }
        return out;
    }

    /** l1·Σ|w| + l2/2·Σw² over the weights, each with its layer's factors. */
    static Tensor penalty(List<Penalized> weights) {
        Tensor total = null;
        for (Penalized p : weights) {
            Tensor w = p.tensor();
            Tensor t = null;
            if (p.l2() > 0) t = w.mul(w).sum().mul(p.l2() / 2);
            if (p.l1() > 0) {
                Tensor a = w.abs().sum().mul(p.l1());
                t = t == null ? a : t.add(a);
            }
            total = total == null ? t : total.add(t);
        }
        return total;
    }

    /**
     * Weight noise (the seeds' regularizer; Graves 2011's "weight noise"): each step the gradient is taken at weights
     * w + ε, ε ~ N(0, std²) drawn afresh per weight, and the update is applied to the clean weights w.
     */
    static final class WeightNoise {
        final List<Tensor> weights;
        final float std;
        final Rng rng;
        private final float[][] clean;
        private final float[][] noisy;

        WeightNoise(List<Tensor> weights, float std, long seed) {
            this.weights = weights;
            this.std = std;
            this.rng = new Rng(seed);
            this.clean = new float[weights.size()][];
            this.noisy = new float[weights.size()][];
            for (int i = 0; i < weights.size(); i++) {
                clean[i] = new float[weights.get(i).shape().size()];
                noisy[i] = new float[clean[i].length];
            }
        }

        /** Replaces every weight by itself plus fresh noise, remembering the clean values. */
        void perturb() {
            for (int i = 0; i < clean.length; i++) {
                Tensor w = weights.get(i);
                w.copyTo(clean[i], 0);
                for (int j = 0; j < clean[i].length; j++) noisy[i][j] = clean[i][j] + std * (float) rng.nextGaussian();
                w.copyFrom(noisy[i], 0);
            }
        }

        /** Puts the clean weights back (the gradients stay those at the noisy weights). */
        void restore() {
            for (int i = 0; i < clean.length; i++) weights.get(i).copyFrom(clean[i], 0);
        }
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
