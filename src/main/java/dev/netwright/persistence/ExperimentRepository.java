package dev.netwright.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ExperimentRepository implements PanacheRepository<ExperimentEntity> {
}
