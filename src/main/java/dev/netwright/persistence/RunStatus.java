package dev.netwright.persistence;

/** Lifecycle of a training run, stored by name in {@code run.status}. */
public enum RunStatus {
    QUEUED,
    RUNNING,
    /** Waiting between two steps until resumed (in memory: a server restart ends it as FAILED). */
    PAUSED,
    STOPPED,
    FAILED,
    FINISHED;

    /** True once the run can no longer change. */
    public boolean isFinished() {
        return this == STOPPED || this == FAILED || this == FINISHED;
    }
}
