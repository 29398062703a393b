package dev.netwright.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class ProjectRepository implements PanacheRepository<ProjectEntity> {

    /** All projects, most recently created first. */
    public List<ProjectEntity> listNewestFirst() {
        return listAll(Sort.descending("createdAt").and("id", Sort.Direction.Descending));
    }

    public Optional<ProjectEntity> findByName(String name) {
        return find("name", name).firstResultOptional();
    }
}
