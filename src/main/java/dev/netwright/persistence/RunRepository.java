package dev.netwright.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class RunRepository implements PanacheRepository<RunEntity> {

    private static final Sort NEWEST_FIRST = Sort.descending("createdAt").and("id", Sort.Direction.Descending);

    /** Runs of one model version, newest first. */
    public List<RunEntity> findByModelVersion(long modelVersionId) {
        return list("modelVersionId", NEWEST_FIRST, modelVersionId);
    }

    /** Runs of every version of a project, newest first. */
    public List<RunEntity> findByProject(long projectId) {
        return list("modelVersionId in (select m.id from ModelVersionEntity m where m.projectId = ?1)",
                NEWEST_FIRST, projectId);
    }

    /** The runs of an experiment (its folds), oldest first. */
    public List<RunEntity> findByExperiment(long experimentId) {
        return list("experimentId", io.quarkus.panache.common.Sort.ascending("id"), experimentId);
    }

    /** Runs that trained on a data set (by its id as runs store it). */
    public List<RunEntity> findByDataset(String datasetId) {
        return list("datasetId", NEWEST_FIRST, datasetId);
    }

    public List<RunEntity> findByStatus(RunStatus status) {
        return list("status", Sort.ascending("createdAt").and("id"), status);
    }
}
