package dev.netwright.training;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Holds a training thread between two steps while its run is paused. Each pause first asks for a checkpoint: the
 * thread takes the request ({@link #takeCheckpointRequest}), checkpoints, and only then blocks in {@link #await}, so
 * a paused run is always on disk.
 */
final class PauseGate {
    private boolean paused;
    private boolean checkpointRequested;

    synchronized void pause() {
        paused = true;
        checkpointRequested = true;
    }

    synchronized void resume() {
        paused = false;
        notifyAll();
    }

    /** True once after each pause: the training thread should checkpoint before it waits. */
    synchronized boolean takeCheckpointRequest() {
        boolean r = checkpointRequested;
        checkpointRequested = false;
        return r;
    }

    /**
     * Waits while paused (waking up to notice a stop); returns whether the run was asked to stop. Returns at once while
     * a pause still waits for its checkpoint, so the thread can take it first.
     */
    synchronized boolean await(AtomicBoolean cancel) {
        while (paused && !checkpointRequested && !cancel.get()) {
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
