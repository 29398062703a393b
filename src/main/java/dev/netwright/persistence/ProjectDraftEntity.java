package dev.netwright.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A project's unsaved design (the editor's autosave): at most one per project, deleted when a version is saved. */
@Entity
@Table(name = "project_draft")
public class ProjectDraftEntity extends PanacheEntityBase {

    @Id
    @Column(name = "project_id")
    public Long projectId;

    /** The graph format as JSON; TEXT (LONGVARCHAR keeps Hibernate off PostgreSQL large objects). */
    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(name = "graph_json", nullable = false)
    public String graphJson;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Weights that came with the design (a template's), graph.WeightsCodec; null: none. */
    @JdbcTypeCode(SqlTypes.VARBINARY)
    @Column(name = "weights")
    public byte[] weights;
}
