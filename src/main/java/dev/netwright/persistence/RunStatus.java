package dev.netwright.persistence;

/** Lifecycle of a training run, stored by name in {@code run.status}. */
public enum RunStatus {
    QUEUED,
    RUNNING,
    /** Waiting between two steps until resumed (in memory: a server restart ends it as INTERRUPTED). */
    PAUSED,
    /** Stopped by the user; resumable from the checkpoint made at the stop. */
    STOPPED,
    /** Diverged or broke; a diverged run keeps its last good checkpoint and can resume from it (with a lower learning rate). */
    FAILED,
    /** The server stopped while the run was queued, running or paused; resumable from its last checkpoint, if any. */
    INTERRUPTED,
    FINISHED;

    /** True when no training thread works on the run (it has ended, or waits to be resumed from a checkpoint). */
    public boolean isFinished() {
        return this == STOPPED || this == FAILED || this == INTERRUPTED || this == FINISHED;
    }
}
