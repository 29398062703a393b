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

/** An evaluation of a run's trained model on one part (train, validation, test) of its data set. */
@Entity
@Table(name = "run_evaluation")
public class RunEvaluationEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "run_id", nullable = false)
    public Long runId;

    @Column(name = "split", nullable = false, length = 20)
    public String split;

    /** The report (metrics, confusion matrix) as JSON. */
    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(name = "report_json", nullable = false)
    public String reportJson;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
