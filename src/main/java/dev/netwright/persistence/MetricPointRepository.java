package dev.netwright.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class MetricPointRepository implements PanacheRepository<MetricPointEntity> {

    /** All points of a run in step order. */
    public List<MetricPointEntity> listForRun(long runId) {
        return list("runId", Sort.ascending("step").and("id"), runId);
    }

    /** Points of a run after the given step, in step order (for clients catching up). */
    public List<MetricPointEntity> listForRunAfter(long runId, long afterStep) {
        return list("runId = ?1 and step > ?2", Sort.ascending("step").and("id"), runId, afterStep);
    }

    public Optional<MetricPointEntity> findLatestForRun(long runId) {
        return find("runId", Sort.descending("step").and("id", Sort.Direction.Descending), runId)
                .firstResultOptional();
    }

    /** Removes the points after a step (those of training that a resumed run redoes from its checkpoint). */
    public long deleteAfter(long runId, long step) {
        return delete("runId = ?1 and step > ?2", runId, step);
    }

    public long deleteForRun(long runId) {
        return delete("runId", runId);
    }
}
