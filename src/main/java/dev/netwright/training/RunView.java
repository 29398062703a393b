package dev.netwright.training;

import dev.netwright.persistence.RunStatus;

import java.time.Instant;

/**
 * A run as the API and UI show it. {@code metrics} holds the latest numbers (null before the first epoch);
 * {@code modelId} is the trained model, set once the run has FINISHED; {@code note} says how it ended when that is not
 * an error (early stopping); {@code diagnosis} is the bias / variance diagnosis of a classifier with a validation part;
 * {@code checkpoint} is the checkpoint a stopped, interrupted or failed run can resume from (null: none).
 */
public record RunView(long id, long modelVersionId, String datasetId, RunConfig config, RunStatus status, String error,
                      Long failedStep, Metrics metrics, Long modelId, Instant createdAt, Instant startedAt, Instant finishedAt,
                      String note, Long experimentId, Diagnosis diagnosis, Checkpoint.Info checkpoint) {

    public record Metrics(Double loss, Double accuracy, Integer epoch, Long step, Double learningRate, Double samplesPerSec, Long elapsedMs,
                          Double valLoss, Double valAccuracy) {
    }
}
