package dev.netwright.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class RunEvaluationRepository implements PanacheRepository<RunEvaluationEntity> {

    /** A run's evaluations, oldest first. */
    public List<RunEvaluationEntity> findByRun(long runId) {
        return list("runId", Sort.ascending("createdAt").and("id"), runId);
    }
}
