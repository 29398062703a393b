package dev.netwright.serving;

import java.time.Instant;

/**
 * A registered model as the API shows it.
 *
 * @param source    {@code run} (a training run exported it; {@code runId} says which) or {@code upload}
 * @param stage     {@code draft}, {@code staging} or {@code production}
 * @param sha256    SHA-256 of the ONNX bytes, hex
 * @param signature inputs, outputs, opsets, producer; null only if the stored bytes cannot be read as ONNX
 */
public record ModelView(long id, String name, String source, Long runId, String stage, Instant createdAt,
                        Long sizeBytes, String sha256, ModelSignature signature) {
}
