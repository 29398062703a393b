package dev.netwright.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Training metrics of a run at one step. Validation values are null on steps without validation. */
@Entity
@Table(name = "metric_point")
public class MetricPointEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "run_id", nullable = false)
    public Long runId;

    @Column(name = "step", nullable = false)
    public long step;

    @Column(name = "epoch", nullable = false)
    public int epoch;

    @Column(name = "loss")
    public Double loss;

    @Column(name = "accuracy")
    public Double accuracy;

    @Column(name = "learning_rate")
    public Double learningRate;

    @Column(name = "samples_per_sec")
    public Double samplesPerSec;

    @Column(name = "elapsed_ms")
    public Long elapsedMs;

    @Column(name = "val_loss")
    public Double valLoss;

    @Column(name = "val_accuracy")
    public Double valAccuracy;

    /** Per-parameter diagnostics of the epoch's last step, as JSON (null on progress points). */
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.LONGVARCHAR)
    @Column(name = "layers_json")
    public String layersJson;

    /** Activation statistics per node (JSON array), at diagnostic steps only. */
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.LONGVARCHAR)
    @Column(name = "activations_json")
    public String activationsJson;
}
