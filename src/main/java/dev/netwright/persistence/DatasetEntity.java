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

/**
 * A data set of a project: its samples are in the immutable file named by {@link #sha256}; the rest describes
 * them (shape, task, classes, statistics, where they came from) and how they are split.
 */
@Entity
@Table(name = "dataset")
public class DatasetEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "project_id", nullable = false)
    public Long projectId;

    @Column(name = "name", nullable = false, length = 200)
    public String name;

    @Column(name = "description", length = 2000)
    public String description;

    /** generated, csv, idx or images. */
    @Column(name = "source", nullable = false, length = 20)
    public String source;

    /** SHA-256 (hex) of the stored sample file. */
    @Column(name = "sha256", nullable = false, length = 64)
    public String sha256;

    @Column(name = "byte_size", nullable = false)
    public Long byteSize;

    /** A {@code dev.netwright.data.Task} name. */
    @Column(name = "task", nullable = false, length = 20)
    public String task;

    /** Shape of one sample, e.g. {@code [1,28,28]}. */
    @Column(name = "feature_shape", nullable = false, length = 200)
    public String featureShape;

    @Column(name = "target_size", nullable = false)
    public Integer targetSize;

    @Column(name = "sample_count", nullable = false)
    public Integer sampleCount;

    /** Samples before this index came from the source's training files (the rest from its test files). */
    @Column(name = "source_train_count", nullable = false)
    public Integer sourceTrainCount;

    /** Classes, columns, feature names, statistics, warnings and provenance, as JSON. */
    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(name = "metadata_json", nullable = false)
    public String metadataJson;

    /** The split runs use unless they name another, as JSON. */
    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(name = "split_json", nullable = false)
    public String splitJson;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
