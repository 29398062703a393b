package dev.netwright.persistence;

import java.time.Instant;

/**
 * A {@link TrainedModelEntity} without its ONNX bytes, for listings (a model may be hundreds of MB). The parity fields
 * are null for uploads and for models exported before the parity check.
 */
public record TrainedModelSummary(long id, String name, String source, Long runId, String stage, Instant createdAt,
                                  Long sizeBytes, String sha256, String signatureJson,
                                  Double parityMaxAbs, Double parityMaxRel, Integer paritySamples, Boolean parityOk) {
}
