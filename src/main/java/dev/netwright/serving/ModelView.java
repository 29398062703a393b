package dev.netwright.serving;

import dev.netwright.onnx.ParityCheck;

import java.time.Instant;

/**
 * A registered model as the API shows it.
 *
 * @param source    {@code run} (a training run exported it; {@code runId} says which) or {@code upload}
 * @param stage     {@code draft}, {@code staging} or {@code production}
 * @param sha256    SHA-256 of the ONNX bytes, hex
 * @param signature inputs, outputs, opsets, producer; null only if the stored bytes cannot be read as ONNX
 * @param parity    the check of a run's export against the engine; null for uploads and models exported before it
 */
public record ModelView(long id, String name, String source, Long runId, String stage, Instant createdAt,
                        Long sizeBytes, String sha256, ModelSignature signature, Parity parity) {

    /**
     * ONNX Runtime vs the engine when the model was exported (onnx.ParityCheck).
     *
     * @param maxAbs    largest absolute difference (null when ONNX Runtime could not run the model)
     * @param maxRel    largest relative difference, over values with |engine| above the absolute tolerance
     * @param samples   samples compared (validation ones, else training ones)
     * @param tolerance what {@code ok} allows per value: |diff| ≤ abs + rel·|engine|
     * @param ok        false flags the model: the export differs from the trained network
     */
    public record Parity(Double maxAbs, Double maxRel, int samples, Tolerance tolerance, boolean ok) {
        public static Parity of(Double maxAbs, Double maxRel, Integer samples, Boolean ok) {
            if (samples == null || ok == null) return null;
            return new Parity(finite(maxAbs), finite(maxRel), samples, Tolerance.CURRENT, ok);
        }

        private static Double finite(Double v) {
            return v == null || !Double.isFinite(v) ? null : v;
        }
    }

    public record Tolerance(double abs, double rel) {
        static final Tolerance CURRENT = new Tolerance(ParityCheck.ABS_TOLERANCE, ParityCheck.REL_TOLERANCE);
    }
}
