package dev.netwright.serving;

import java.time.Instant;

/**
 * A batch prediction job as the API shows it.
 *
 * @param jobId     32 hex digits
 * @param part      {@code all}, {@code train}, {@code validation} or {@code test}: which samples of the data set
 * @param done      samples predicted so far
 * @param total     samples of the job
 * @param error     why the job failed; null otherwise
 * @param startedAt null while queued
 */
public record BatchJobView(String jobId, long modelId, String datasetId, String part, BatchStatus status, int done, int total,
                           String error, Instant createdAt, Instant startedAt, Instant finishedAt) {

    /** The same job, marked failed: it was queued or running when the server stopped. */
    BatchJobView interrupted() {
        return new BatchJobView(jobId, modelId, datasetId, part, BatchStatus.FAILED, done, total,
                "The server stopped while the job was " + status.name().toLowerCase(java.util.Locale.ROOT) + "; start it again",
                createdAt, startedAt, finishedAt);
    }
}
