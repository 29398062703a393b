package dev.netwright.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Saves every entity in one transaction and reads it back in another. Shared by the H2 test (default
 * profile) and the PostgreSQL test, so both databases run the same checks against the same migration.
 */
abstract class PersistenceRoundTrip {

    @Inject
    ProjectRepository projects;
    @Inject
    ModelVersionRepository versions;
    @Inject
    RunRepository runs;
    @Inject
    MetricPointRepository metrics;
    @Inject
    TrainedModelRepository trainedModels;

    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456Z");

    @Test
    void savesAndReloadsEveryEntity() {
        String bigJson = "{\"nodes\":[" + "{\"id\":\"n\",\"type\":\"Dense\"},".repeat(100_000) + "{}]}";
        byte[] onnx = new byte[5 * 1024 * 1024];
        new Random(42).nextBytes(onnx);

        long[] ids = QuarkusTransaction.requiringNew().call(() -> {
            ProjectEntity p = new ProjectEntity();
            p.name = "round trip";
            p.description = "ä ö ü — unicode survives";
            p.createdAt = T0;
            projects.persist(p);

            ModelVersionEntity v1 = version(p.id, 1, "{}");
            ModelVersionEntity v2 = version(p.id, 2, bigJson);
            v2.author = "Zoë " + "a".repeat(96); // 100 characters, one of them not ASCII (V9)

            RunEntity r = new RunEntity();
            r.modelVersionId = v2.id;
            r.datasetId = "mnist";
            r.configJson = "{\"epochs\":3}";
            r.status = RunStatus.RUNNING;
            r.createdAt = T0;
            r.startedAt = T0.plusSeconds(1);
            runs.persist(r);

            for (long step : new long[] {30, 10, 20}) {
                MetricPointEntity m = new MetricPointEntity();
                m.runId = r.id;
                m.step = step;
                m.epoch = (int) (step / 10);
                m.loss = 1.0 / step;
                m.accuracy = 0.5;
                m.learningRate = 1e-3;
                m.samplesPerSec = 1234.5;
                m.elapsedMs = step * 100;
                m.valLoss = step == 30 ? 0.25 : null;
                metrics.persist(m);
            }

            TrainedModelEntity tm = new TrainedModelEntity();
            tm.runId = r.id;
            tm.onnx = onnx;
            tm.inputShape = "[-1,784]";
            tm.outputShape = "[-1,10]";
            tm.createdAt = T0.plusSeconds(60);
            trainedModels.persist(tm);

            r.trainedModelId = tm.id;
            r.status = RunStatus.FINISHED;
            r.finishedAt = T0.plusSeconds(60);
            r.finalLoss = 0.031;
            r.finalAccuracy = 0.987;
            r.error = "x".repeat(4000);
            r.failedStep = 7L;
            return new long[] {p.id, v1.id, v2.id, r.id, tm.id};
        });

        QuarkusTransaction.requiringNew().run(() -> {
            ProjectEntity p = projects.findById(ids[0]);
            assertEquals("round trip", p.name);
            assertEquals("ä ö ü — unicode survives", p.description);
            assertEquals(T0.truncatedTo(ChronoUnit.MICROS), p.createdAt);
            assertEquals(p.id, projects.findByName("round trip").orElseThrow().id);

            assertEquals(List.of(1, 2), versions.findByProject(p.id).stream().map(v -> v.version).toList());
            ModelVersionEntity latest = versions.findLatest(p.id).orElseThrow();
            assertEquals(ids[2], latest.id);
            assertEquals(bigJson, latest.graphJson);
            assertEquals("Zoë " + "a".repeat(96), latest.author);
            assertNull(versions.findById(ids[1]).author, "a version saved without an author keeps none");
            assertEquals(3, versions.nextVersion(p.id));
            assertEquals(ids[1], versions.findByProjectAndVersion(p.id, 1).orElseThrow().id);

            RunEntity r = runs.findById(ids[3]);
            assertEquals(RunStatus.FINISHED, r.status);
            assertEquals("{\"epochs\":3}", r.configJson);
            assertEquals(4000, r.error.length());
            assertEquals(7L, r.failedStep);
            assertEquals(0.987, r.finalAccuracy);
            assertEquals(ids[4], r.trainedModelId);
            assertEquals(List.of(r.id), runs.findByProject(p.id).stream().map(x -> x.id).toList());
            assertEquals(1, runs.findByModelVersion(ids[2]).size());
            assertTrue(runs.findByStatus(RunStatus.FINISHED).stream().anyMatch(x -> x.id.equals(ids[3])));

            List<MetricPointEntity> points = metrics.listForRun(r.id);
            assertEquals(List.of(10L, 20L, 30L), points.stream().map(m -> m.step).toList());
            assertNull(points.get(0).valLoss);
            assertEquals(0.25, points.get(2).valLoss);
            assertEquals(List.of(30L), metrics.listForRunAfter(r.id, 20).stream().map(m -> m.step).toList());
            assertEquals(30L, metrics.findLatestForRun(r.id).orElseThrow().step);

            TrainedModelEntity tm = trainedModels.findByRun(r.id).orElseThrow();
            assertArrayEquals(onnx, tm.onnx);
            assertEquals("[-1,784]", tm.inputShape);
            // registry columns (V5): derived on first save when the caller (training) leaves them out
            assertEquals("run", tm.source);
            assertEquals("draft", tm.stage);
            assertEquals((long) onnx.length, tm.sizeBytes);
            assertEquals(TrainedModelEntity.sha256(onnx), tm.sha256);
            assertEquals(64, tm.sha256.length());
            assertNull(tm.name);
            assertNull(tm.signatureJson);
            TrainedModelSummary summary = trainedModels.summary(tm.id).orElseThrow();
            assertEquals(tm.sha256, summary.sha256());
            assertEquals(r.id, summary.runId());
        });

        // An uploaded model has no run.
        long upload = QuarkusTransaction.requiringNew().call(() -> {
            TrainedModelEntity u = new TrainedModelEntity();
            u.onnx = new byte[] {1, 2, 3};
            u.name = "uploaded";
            u.inputShape = "[-1,4]";
            u.outputShape = "[-1,3]";
            u.signatureJson = "{}";
            u.createdAt = T0;
            trainedModels.persist(u);
            return u.id;
        });
        QuarkusTransaction.requiringNew().run(() -> {
            TrainedModelEntity u = trainedModels.findById(upload);
            assertNull(u.runId);
            assertEquals("upload", u.source);
            assertEquals(3L, u.sizeBytes);
            assertEquals(List.of(upload), trainedModels.summaries("uploaded", "draft").stream()
                    .map(TrainedModelSummary::id).filter(id -> id == upload).toList());
            trainedModels.deleteById(upload);
        });

        // Deleting a project removes everything under it (ON DELETE CASCADE in the migration).
        QuarkusTransaction.requiringNew().run(() -> projects.deleteById(ids[0]));
        QuarkusTransaction.requiringNew().run(() -> {
            assertNull(versions.findById(ids[1]));
            assertNull(runs.findById(ids[3]));
            assertEquals(0, metrics.count("runId", ids[3]));
            assertNull(trainedModels.findById(ids[4]));
        });
    }

    @Test
    void versionNumbersAreUniquePerProject() {
        long projectId = QuarkusTransaction.requiringNew().call(() -> {
            ProjectEntity p = new ProjectEntity();
            p.name = "unique";
            p.createdAt = Instant.now();
            projects.persist(p);
            version(p.id, 1, "{}");
            return p.id;
        });
        assertThrows(Exception.class,
                () -> QuarkusTransaction.requiringNew().run(() -> version(projectId, 1, "{}")));
        assertNotNull(versions.findLatest(projectId));
        QuarkusTransaction.requiringNew().run(() -> projects.deleteById(projectId));
    }

    private ModelVersionEntity version(long projectId, int number, String json) {
        ModelVersionEntity v = new ModelVersionEntity();
        v.projectId = projectId;
        v.version = number;
        v.name = "v" + number;
        v.graphJson = json;
        v.createdAt = T0;
        versions.persist(v);
        versions.flush();
        return v;
    }
}
