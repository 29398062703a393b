package dev.netwright.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Live event channels of the runs in progress. A subscriber first receives every event so far (replay),
 * then live ones, without gaps or duplicates. A channel closes when its run ends.
 */
final class MetricsBus {
    private static final class Channel {
        final List<MetricEvent> history = new ArrayList<>();
        final List<Consumer<MetricEvent>> listeners = new CopyOnWriteArrayList<>();
    }

    private final Map<Long, Channel> channels = new ConcurrentHashMap<>();

    void open(long runId) {
        open(runId, List.of());
    }

    /** Opens a channel whose replay starts with {@code history} (a run resumed after its earlier events were stored). */
    void open(long runId, List<MetricEvent> history) {
        Channel c = new Channel();
        c.history.addAll(history);
        channels.putIfAbsent(runId, c);
    }

    void publish(MetricEvent e) {
        Channel c = channels.get(e.runId());
        if (c == null) return;
        List<Consumer<MetricEvent>> targets;
        synchronized (c) {
            c.history.add(e);
            targets = List.copyOf(c.listeners);
        }
        for (Consumer<MetricEvent> l : targets) deliver(l, e);
    }

    /** Ends a run's channel; later subscribers read the stored history instead. */
    void close(long runId) {
        channels.remove(runId);
    }

    /**
     * Replays the channel's history and registers {@code listener} for live events.
     *
     * @return a handle that unsubscribes, or null when the run has no live channel
     */
    AutoCloseable subscribe(long runId, Consumer<MetricEvent> listener) {
        Channel c = channels.get(runId);
        if (c == null) return null;
        synchronized (c) {
            // under the lock publish() uses: each event is either in this replay or in a later
            // publish's listener snapshot, never both, never neither. Listeners must not block.
            c.history.forEach(e -> deliver(listener, e));
            c.listeners.add(listener);
        }
        return () -> c.listeners.remove(listener);
    }

    private static void deliver(Consumer<MetricEvent> l, MetricEvent e) {
        try {
            l.accept(e);
        } catch (RuntimeException ex) {
            // a broken subscriber (closed socket, detached UI) must not stop training
        }
    }
}
