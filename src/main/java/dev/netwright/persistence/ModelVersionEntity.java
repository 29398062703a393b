package dev.netwright.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.FetchType;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One saved design of a project's network: the canvas graph as JSON, numbered 1, 2, ... per project. */
@Entity
@Table(name = "model_version", uniqueConstraints = @UniqueConstraint(columnNames = {"project_id", "version"}))
public class ModelVersionEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "project_id", nullable = false)
    public Long projectId;

    @Column(name = "version", nullable = false)
    public int version;

    @Column(name = "name", length = 200)
    public String name;

    /** TEXT column; LONGVARCHAR keeps Hibernate off PostgreSQL large objects (what {@code @Lob} would use). */
    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(name = "graph_json", nullable = false)
    public String graphJson;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Who saved it (a name, at most 100 characters); null for versions saved before V9. */
    @Column(name = "author", length = 100)
    public String author;

    /**
     * Parameters and buffers to start training from (graph.WeightsCodec), e.g. of an imported ONNX model; null: a run
     * initialises them from its seed. Loaded only when read (lazy), so listings do not fetch them; read them with
     * {@link ModelVersionRepository#weights}.
     */
    @Basic(fetch = FetchType.LAZY)
    @JdbcTypeCode(SqlTypes.VARBINARY)
    @Column(name = "weights")
    public byte[] weights;
}
