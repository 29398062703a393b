package dev.netwright.ui.runs;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import dev.netwright.training.MetricEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A {@code TrainingService.subscribe} listener that never blocks the training thread: it queues events and
 * schedules one {@code ui.access} at a time, which hands everything queued so far to {@code sink} as a batch.
 * Fast runs thus cost one push per batch, not one per event.
 */
final class LiveUpdates implements Consumer<MetricEvent> {
    private final UI ui;
    private final Consumer<List<MetricEvent>> sink;
    private final Queue<MetricEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    LiveUpdates(UI ui, Consumer<List<MetricEvent>> sink) {
        this.ui = ui;
        this.sink = sink;
    }

    @Override
    public void accept(MetricEvent event) {
        queue.add(event);
        if (scheduled.compareAndSet(false, true)) {
            try {
                ui.access(this::drain);
            } catch (UIDetachedException e) {
                queue.clear(); // the page is gone; its onDetach closes the subscription
            }
        }
    }

    /** Runs with the session locked. */
    private void drain() {
        scheduled.set(false);
        List<MetricEvent> batch = new ArrayList<>();
        for (MetricEvent e; (e = queue.poll()) != null; ) batch.add(e);
        if (!batch.isEmpty()) sink.accept(batch);
    }
}
