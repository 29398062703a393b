package dev.netwright.training;

import dev.netwright.persistence.TrainedModelRepository;
import dev.netwright.serving.ModelStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Serves the ONNX bytes of the models that runs produced, from the database. */
@ApplicationScoped
public class TrainedModelStore implements ModelStore {
    private final TrainedModelRepository models;

    public TrainedModelStore(TrainedModelRepository models) {
        this.models = models;
    }

    @Override
    public Optional<StoredModel> find(long modelId) {
        return QuarkusTransaction.requiringNew().call(() -> models.findByIdOptional(modelId).map(m -> new StoredModel(m.id, m.onnx)));
    }
}
