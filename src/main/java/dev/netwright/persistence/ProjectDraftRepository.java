package dev.netwright.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Project drafts by project id. */
@ApplicationScoped
public class ProjectDraftRepository implements PanacheRepositoryBase<ProjectDraftEntity, Long> {
}
