package dev.netwright.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class TrainedModelRepository implements PanacheRepository<TrainedModelEntity> {

    /** The most recent model a run produced. */
    public Optional<TrainedModelEntity> findByRun(long runId) {
        return find("runId", Sort.descending("createdAt").and("id", Sort.Direction.Descending), runId)
                .firstResultOptional();
    }
}
