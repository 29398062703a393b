package dev.netwright.training;

import java.util.concurrent.atomic.AtomicBoolean;

/** Holds a training thread between two steps while its run is paused. */
final class PauseGate {
    private boolean paused;

    synchronized void pause() {
        paused = true;
    }

    synchronized void resume() {
        paused = false;
        notifyAll();
    }

    /** Waits while paused (waking up to notice a stop); returns whether the run was asked to stop. */
    synchronized boolean await(AtomicBoolean cancel) {
        while (paused && !cancel.get()) {
            try {
                wait(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        return cancel.get();
    }
}
