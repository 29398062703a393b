package dev.netwright.serving;

import java.util.Optional;

/**
 * Where {@link ServingService} reads trained models from. The application's bean reads the database;
 * tests can pass a lambda.
 */
@FunctionalInterface
public interface ModelStore {
    /** The model with this id, or empty if there is none. */
    Optional<StoredModel> find(long modelId);

    /**
     * A trained model as serving needs it.
     *
     * @param id   the trained model's id
     * @param onnx the serialized ONNX {@code ModelProto}
     */
    record StoredModel(long id, byte[] onnx) {
        public StoredModel {
            if (onnx == null || onnx.length == 0) throw new IllegalArgumentException("Model " + id + " has no ONNX bytes");
        }
    }
}
