package dev.netwright.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Runs that belong together: a k-fold cross-validation (kind {@code crossval}) is one run per fold. */
@Entity
@Table(name = "experiment")
public class ExperimentEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "project_id", nullable = false)
    public Long projectId;

    @Column(name = "kind", nullable = false, length = 20)
    public String kind;

    @Column(name = "model_version_id", nullable = false)
    public Long modelVersionId;

    @Column(name = "dataset_id", nullable = false, length = 100)
    public String datasetId;

    /** The shared training configuration and k, as JSON. */
    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(name = "config_json", nullable = false)
    public String configJson;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
