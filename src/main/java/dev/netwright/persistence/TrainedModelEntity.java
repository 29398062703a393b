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

/** The weights a run produced, exported as an ONNX model. */
@Entity
@Table(name = "trained_model")
public class TrainedModelEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "run_id", nullable = false)
    public Long runId;

    /** Serialized ONNX ModelProto. BYTEA on PostgreSQL, BINARY VARYING on H2 (not a large object). */
    @JdbcTypeCode(SqlTypes.VARBINARY)
    @Column(name = "onnx", nullable = false)
    public byte[] onnx;

    /** Input shape with -1 for the batch dimension, e.g. {@code [-1,1,28,28]}. */
    @Column(name = "input_shape", nullable = false, length = 200)
    public String inputShape;

    @Column(name = "output_shape", nullable = false, length = 200)
    public String outputShape;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The input preprocessing fitted on the training split (JSON), also built into {@link #onnx}; null: none. */
    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(name = "preprocessing_json")
    public String preprocessingJson;
}
