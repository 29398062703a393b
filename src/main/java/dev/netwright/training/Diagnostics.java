package dev.netwright.training;

import dev.netwright.engine.Tensor;
import dev.netwright.graph.Network;

import java.util.ArrayList;
import java.util.List;

/**
 * When and what a training run records for its per-layer dashboards: at a diagnostic step (every {@code every}
 * steps, or the last step of each epoch when {@code every} is null) each node's output statistics and each
 * parameter's gradient norm, weight norm and update-to-weight ratio. Steps in between cost nothing.
 */
final class Diagnostics {
    private final Integer every;
    private final List<String> nodes;
    private List<MetricEvent.LayerStat> parameters;
    private List<MetricEvent.ActivationStat> activations;
    private List<MetricEvent.ActivationStat> collecting;
    private boolean fresh;

    Diagnostics(Network net, Integer every) {
        this.every = every;
        this.nodes = net.steps().stream().map(Network.Step::nodeId).toList();
    }

    /** Whether step {@code step} (1-based) is a diagnostic step; if so, starts collecting its activations. */
    boolean due(long step, boolean lastOfEpoch) {
        boolean due = every == null ? lastOfEpoch : step % every == 0;
        if (due) collecting = new ArrayList<>(nodes.size());
        return due;
    }

    /** Called by the network's forward pass with each node's output at a diagnostic step. */
    void observe(String node, Tensor value) {
        if (collecting != null) collecting.add(MetricEvent.ActivationStat.of(node, value.toArray()));
    }

    /** Ends the diagnostic step with its parameter statistics. */
    void parameters(List<MetricEvent.LayerStat> stats) {
        parameters = stats;
        activations = collecting;
        collecting = null;
        fresh = true;
    }

    /** True once after each diagnostic step. */
    boolean fresh() {
        boolean f = fresh;
        fresh = false;
        return f;
    }

    /** The event with the latest diagnostics (none before the first diagnostic step). */
    MetricEvent attach(MetricEvent ev) {
        return parameters == null ? ev : ev.withDiagnostics(parameters, activations);
    }
}
