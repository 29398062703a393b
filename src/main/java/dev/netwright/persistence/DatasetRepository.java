package dev.netwright.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class DatasetRepository implements PanacheRepository<DatasetEntity> {

    /** A project's data sets, newest first. */
    public List<DatasetEntity> findByProject(long projectId) {
        return list("projectId", Sort.descending("createdAt").and("id", Sort.Direction.Descending), projectId);
    }

    /** How many data sets share the sample file {@code sha256} (identical content is stored once). */
    public long countBySha(String sha256) {
        return count("sha256", sha256);
    }
}
