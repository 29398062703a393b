package dev.netwright.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An ONNX model in the registry: the weights a run produced ({@code source = "run"}) or an uploaded file
 * ({@code source = "upload"}, no run). {@link #sizeBytes} and {@link #sha256} are derived from {@link #onnx} when
 * the row is first saved; {@link #name} and {@link #signatureJson} are filled by the registry (serving.ModelRegistry).
 */
@Entity
@Table(name = "trained_model")
public class TrainedModelEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public static final String SOURCE_RUN = "run";
    public static final String SOURCE_UPLOAD = "upload";
    public static final String STAGE_DRAFT = "draft";

    /** The run that produced the model; null for uploads. */
    @Column(name = "run_id")
    public Long runId;

    /** {@value #SOURCE_RUN} or {@value #SOURCE_UPLOAD}; when left null, derived from {@link #runId} on first save. */
    @Column(name = "source", nullable = false, length = 20)
    public String source;

    /** The registry name; at most one model per name is in the production stage. */
    @Column(name = "name", length = 200)
    public String name;

    /** draft, staging or production. */
    @Column(name = "stage", nullable = false, length = 20)
    public String stage = STAGE_DRAFT;

    /** The model's inputs, outputs, opsets and producer as JSON (serving.ModelSignature); null until computed. */
    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(name = "signature_json")
    public String signatureJson;

    @Column(name = "size_bytes")
    public Long sizeBytes;

    /** SHA-256 of {@link #onnx}, lower-case hex. */
    @Column(name = "sha256", length = 64)
    public String sha256;

    /** Serialized ONNX ModelProto. BYTEA on PostgreSQL, BINARY VARYING on H2 (not a large object). */
    @JdbcTypeCode(SqlTypes.VARBINARY)
    @Column(name = "onnx", nullable = false)
    public byte[] onnx;

    /** The engine's trained weights (graph.WeightsCodec) of a run's model, for exporting again; null for uploads. */
    @JdbcTypeCode(SqlTypes.VARBINARY)
    @Column(name = "weights")
    public byte[] weights;

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

    /** Largest |ONNX Runtime − engine| of the parity check at export (onnx.ParityCheck); null: not checked (uploads, old rows). */
    @Column(name = "parity_max_abs")
    public Double parityMaxAbs;

    /** Largest relative difference of the parity check. */
    @Column(name = "parity_max_rel")
    public Double parityMaxRel;

    /** How many samples the parity check compared. */
    @Column(name = "parity_samples")
    public Integer paritySamples;

    /** Whether every value was within the parity tolerance; false flags the model. */
    @Column(name = "parity_ok")
    public Boolean parityOk;

    /** The ai.onnx opset of the export; null for uploads. */
    @Column(name = "export_opset")
    public Integer exportOpset;

    /** Derives what was left unset: the source from {@link #runId}, size and hash from {@link #onnx}. */
    @PrePersist
    void derive() {
        if (source == null) source = runId == null ? SOURCE_UPLOAD : SOURCE_RUN;
        if (stage == null) stage = STAGE_DRAFT;
        if (onnx != null) {
            if (sizeBytes == null) sizeBytes = (long) onnx.length;
            if (sha256 == null) sha256 = sha256(onnx);
        }
    }

    /** SHA-256 of {@code bytes}, lower-case hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
