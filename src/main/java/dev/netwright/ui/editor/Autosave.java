package dev.netwright.ui.editor;

import org.jboss.logging.Logger;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Writes the editor's unsaved work ({@code T}: the design, with what goes with it) at most once per {@link #DELAY_MS}
 * (the last state of a burst of edits wins), and at once on {@link #flush} (the editor is left). Null means "nothing
 * unsaved": the stored draft is deleted.
 * Writes run on a background thread and touch no UI, so they need no UI lock; a failed write is logged and the next
 * edit tries again.
 */
final class Autosave<T> {
    /** At most one write per this many milliseconds. */
    static final long DELAY_MS = 1000;
    private static final Logger LOG = Logger.getLogger(Autosave.class);
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "netwright-autosave");
        t.setDaemon(true);
        return t;
    });

    private final Consumer<T> write;
    private final Runnable delete;
    private boolean pending;
    private T next;
    private ScheduledFuture<?> scheduled;

    /**
     * @param write  stores unsaved work
     * @param delete removes the stored draft
     */
    Autosave(Consumer<T> write, Runnable delete) {
        this.write = write;
        this.delete = delete;
    }

    /** The design changed: {@code unsaved} is the work to keep, or null when the design equals the saved version. */
    synchronized void changed(T unsaved) {
        next = unsaved;
        pending = true;
        if (scheduled == null || scheduled.isDone()) scheduled = TIMER.schedule(this::flush, DELAY_MS, TimeUnit.MILLISECONDS);
    }

    /** Writes what is pending now (on leaving the editor, and when the delay is over). */
    void flush() {
        T g;
        synchronized (this) {
            if (!pending) return;
            pending = false;
            g = next;
        }
        try {
            if (g == null) delete.run();
            else write.accept(g);
        } catch (RuntimeException e) {
            LOG.warn("Autosave failed; the next edit tries again", e);
        }
    }
}
