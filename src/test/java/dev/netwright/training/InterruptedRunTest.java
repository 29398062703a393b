package dev.netwright.training;

import dev.netwright.persistence.RunRepository;
import dev.netwright.persistence.RunStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server restart leaves runs that were running INTERRUPTED; resumed from the checkpoint they end with the weights
 * of a run that was never interrupted. (The restart itself is simulated: the run's row is left RUNNING, as a killed
 * process leaves it, and the startup step runs again; .ci/run's smoke test kills and restarts a real server.)
 */
@QuarkusTest
class InterruptedRunTest {
    @Inject
    TrainingService training;
    @Inject
    RunRepository runs;

    private static String status(long run) {
        return given().get("/api/runs/" + run).then().statusCode(200).extract().jsonPath().getString("status");
    }

    private static void await(long run, List<String> states, int seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!states.contains(status(run))) {
            assertTrue(System.currentTimeMillis() < deadline, "run " + run + " is " + status(run) + ", not " + states);
            Thread.sleep(20);
        }
    }

    @Test
    void interruptedRunResumesFromItsCheckpoint() throws Exception {
        long project = given().contentType(ContentType.JSON).body(Map.of("name", "Interrupted")).post("/api/projects")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        String graph = given().get("/api/templates/blobs").then().statusCode(200).extract().asString();
        long version = given().contentType(ContentType.JSON).body(graph).post("/api/projects/" + project + "/models")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        Map<String, Object> body = Map.of("modelVersionId", version, "datasetId", "blobs", "optimizer", "momentum",
                "learningRate", 0.01, "epochs", 600, "batchSize", 8, "seed", 3, "optimizerOptions", Map.of("momentum", 0.8));
        long run = given().contentType(ContentType.JSON).body(body).post("/api/runs").then().statusCode(201).extract().jsonPath().getLong("id");
        await(run, List.of("RUNNING"), 30);
        given().post("/api/runs/" + run + "/pause").then().statusCode(200);
        long deadline = System.currentTimeMillis() + 10_000;
        // pausing checkpoints; stop the thread, then leave the row as a killed server leaves it
        given().post("/api/runs/" + run + "/stop").then().statusCode(200);
        await(run, List.of("STOPPED"), 30);
        QuarkusTransaction.requiringNew().run(() -> runs.findById(run).status = RunStatus.RUNNING);
        training.markInterrupted();
        JsonPath interrupted = given().get("/api/runs/" + run).then().extract().jsonPath();
        assertEquals("INTERRUPTED", interrupted.getString("status"));
        assertTrue(interrupted.getString("error").contains("resume it from its checkpoint"), interrupted.getString("error"));
        assertNotNull(interrupted.get("checkpoint.step"));
        assertTrue(System.currentTimeMillis() < deadline);

        given().post("/api/runs/" + run + "/resume").then().statusCode(200).body("note", containsString("Resumed from the checkpoint"));
        await(run, List.of("FINISHED"), 120);

        long straight = given().contentType(ContentType.JSON).body(body).post("/api/runs").then().statusCode(201).extract().jsonPath().getLong("id");
        await(straight, List.of("FINISHED"), 120);
        JsonPath a = given().get("/api/runs/" + run).then().extract().jsonPath();
        JsonPath b = given().get("/api/runs/" + straight).then().extract().jsonPath();
        assertEquals(b.getDouble("metrics.loss"), a.getDouble("metrics.loss"), 0.0);
        byte[] ma = given().get("/api/models/" + a.getLong("modelId") + "/onnx").then().statusCode(200).extract().asByteArray();
        byte[] mb = given().get("/api/models/" + b.getLong("modelId") + "/onnx").then().statusCode(200).extract().asByteArray();
        // the graphs (the weights): the metadata names each run
        assertArrayEquals(ai.onnx.proto.OnnxMl.ModelProto.parseFrom(mb).getGraph().toByteArray(),
                ai.onnx.proto.OnnxMl.ModelProto.parseFrom(ma).getGraph().toByteArray(), "same weights after an interruption as without");
        // a run without a checkpoint says so and cannot resume
        long none = given().contentType(ContentType.JSON).body(Map.of("modelVersionId", version, "datasetId", "blobs", "epochs", 1))
                .post("/api/runs").then().statusCode(201).extract().jsonPath().getLong("id");
        await(none, List.of("FINISHED"), 60);
        QuarkusTransaction.requiringNew().run(() -> runs.findById(none).status = RunStatus.QUEUED);
        training.markInterrupted();
        given().get("/api/runs/" + none).then().body("status", org.hamcrest.Matchers.equalTo("INTERRUPTED"))
                .body("error", containsString("no checkpoint"));
        given().post("/api/runs/" + none + "/resume").then().statusCode(409).body("message", containsString("no checkpoint"));
    }
}
