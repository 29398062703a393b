package dev.netwright.serving;

/** Where a batch prediction job is: waiting for a worker, predicting, done with a results file, or stopped by an error. */
public enum BatchStatus {
    QUEUED, RUNNING, FINISHED, FAILED;

    public boolean ended() {
        return this == FINISHED || this == FAILED;
    }
}
