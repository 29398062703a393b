package dev.netwright.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One training of a model version on a dataset with a given configuration. */
@Entity
@Table(name = "run")
public class RunEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "model_version_id", nullable = false)
    public Long modelVersionId;

    @Column(name = "dataset_id", nullable = false, length = 100)
    public String datasetId;

    /** Training configuration (optimizer, epochs, ...) as JSON. */
    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(name = "config_json", nullable = false)
    public String configJson;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 20)
    public RunStatus status;

    @Column(name = "error", length = 4000)
    public String error;

    /** The cross-validation experiment this run is a fold of, or null. */
    @Column(name = "experiment_id")
    public Long experimentId;

    /** How the run ended when that is worth saying but not an error (early stopping). */
    @Column(name = "note", length = 1000)
    public String note;

    @Column(name = "failed_step")
    public Long failedStep;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "final_loss")
    public Double finalLoss;

    @Column(name = "final_accuracy")
    public Double finalAccuracy;

    /** The {@link TrainedModelEntity} this run produced, once it has one. */
    @Column(name = "trained_model_id")
    public Long trainedModelId;
}
