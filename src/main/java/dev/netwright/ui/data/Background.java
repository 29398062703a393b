package dev.netwright.ui.data;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs slow work (parsing a 50 MB upload) off the UI thread and hands the outcome back to the page through
 * {@code ui.access}, which push delivers. A page that has gone away in the meantime just drops the outcome.
 */
final class Background {
    private static final Logger LOG = Logger.getLogger(Background.class);
    private static final Executor THREADS = task -> Thread.ofPlatform().name("ui-background").daemon(true).start(task);

    private Background() {
    }

    /** Runs {@code work}, then {@code onResult} or {@code onError} with the page locked. */
    static <T> void run(UI ui, Supplier<T> work, Consumer<T> onResult, Consumer<RuntimeException> onError) {
        CompletableFuture.supplyAsync(work, THREADS).whenComplete((result, failure) -> {
            try {
                ui.access(() -> {
                    if (failure == null) onResult.accept(result);
                    else onError.accept(unwrap(failure));
                });
            } catch (UIDetachedException e) {
                LOG.debugf("The page left before background work ended (%s)", failure == null ? "done" : failure.getMessage());
            }
        });
    }

    private static RuntimeException unwrap(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
    }
}
