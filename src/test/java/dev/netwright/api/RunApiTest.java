package dev.netwright.api;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.netwright.api.ApiTestSupport.awaitEnd;
import static dev.netwright.api.ApiTestSupport.createProject;
import static dev.netwright.api.ApiTestSupport.saveVersion;
import static dev.netwright.api.ApiTestSupport.startRun;
import static dev.netwright.api.ApiTestSupport.templateGraph;
import static dev.netwright.api.ApiTestSupport.xorRun;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class RunApiTest {

    @Test
    void xorTrainsToFullAccuracyExportsOnnxAndPredicts() throws Exception {
        long version = saveVersion(createProject("XOR run"), templateGraph("xor"));
        long run = startRun(xorRun(version));
        assertEquals("FINISHED", awaitEnd(run, 60));
        JsonPath r = given().get("/api/runs/" + run).then().statusCode(200)
                .body("metrics.accuracy", equalTo(1.0f)).body("modelId", notNullValue())
                .body("config.optimizer", equalTo("adam")).extract().jsonPath();
        assertTrue(r.getDouble("metrics.loss") < 0.1, "loss " + r.getDouble("metrics.loss"));
        long model = r.getLong("modelId");
        given().get("/api/runs/" + run + "/metrics").then().statusCode(200)
                .body("", hasSize(300)).body("[299].epoch", equalTo(300));

        byte[] onnx = given().get("/api/models/" + model + "/onnx").then().statusCode(200)
                .header("Content-Disposition", containsString(".onnx")).extract().asByteArray();
        float[][] ort;
        var env = OrtEnvironment.getEnvironment();
        try (var session = env.createSession(onnx, new OrtSession.SessionOptions());
             var x = OnnxTensor.createTensor(env, new float[][]{{0, 0}, {0, 1}, {1, 0}, {1, 1}});
             var out = session.run(Map.of(session.getInputNames().iterator().next(), x))) {
            ort = (float[][]) out.get(0).getValue();
        }
        JsonPath p = given().contentType(ContentType.JSON).body(Map.of("inputs", new float[][]{{0, 0}, {0, 1}, {1, 0}, {1, 1}}))
                .post("/api/models/" + model + "/predict").then().statusCode(200).extract().jsonPath();
        List<List<Float>> outputs = p.getList("outputs");
        for (int i = 0; i < 4; i++) {
            float expected = (i == 1 || i == 2) ? 1 : 0;
            float y = outputs.get(i).getFirst();
            assertEquals(expected, y, 0.2, "row " + i);
            assertArrayEquals(ort[i], new float[]{y}, 1e-6f);
        }
    }

    @Test
    void predictWithWrongWidthIs400NamingShapes() throws Exception {
        long version = saveVersion(createProject("XOR width"), templateGraph("xor"));
        Map<String, Object> body = new HashMap<>(xorRun(version));
        body.put("epochs", 5);
        long run = startRun(body);
        assertEquals("FINISHED", awaitEnd(run, 60));
        long model = given().get("/api/runs/" + run).then().extract().jsonPath().getLong("modelId");
        given().contentType(ContentType.JSON).body(Map.of("inputs", new float[][]{{0, 1, 2}}))
                .post("/api/models/" + model + "/predict").then().statusCode(400)
                .body("message", containsString("[N, 2]")).body("message", containsString("[N, 3]"));
        given().contentType(ContentType.JSON).body(Map.of("inputs", new float[0][]))
                .post("/api/models/" + model + "/predict").then().statusCode(400);
    }

    @Test
    void badRunRequests() {
        long version = saveVersion(createProject("Bad runs"), templateGraph("xor"));
        given().contentType(ContentType.JSON).body(Map.of("modelVersionId", version, "datasetId", "nope"))
                .post("/api/runs").then().statusCode(404).body("message", containsString("nope"));
        given().contentType(ContentType.JSON).body(Map.of("modelVersionId", 999999, "datasetId", "xor"))
                .post("/api/runs").then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("modelVersionId", version, "datasetId", "xor", "optimizer", "magic",
                        "learningRate", -1, "epochs", 0))
                .post("/api/runs").then().statusCode(400)
                .body("message", containsString("optimizer")).body("message", containsString("learningRate"))
                .body("message", containsString("epochs"));
        given().contentType(ContentType.JSON).body(Map.of("datasetId", "xor")).post("/api/runs").then().statusCode(400)
                .body("message", containsString("modelVersionId"));
    }

    @Test
    void graphThatDoesNotFitTheDataIs422() {
        String threeInputs = templateGraph("xor").replace("\"shape\":[2]", "\"shape\":[3]");
        long version = saveVersion(createProject("Mismatch"), threeInputs);
        given().contentType(ContentType.JSON).body(Map.of("modelVersionId", version, "datasetId", "xor"))
                .post("/api/runs").then().statusCode(422)
                .body("problems[0].nodeId", equalTo("input")).body("problems[0].message", containsString("[3]"));
    }

    @Test
    void divergingRunFailsWithTheStep() throws Exception {
        String linear = """
                {"nodes": [
                  {"id": "in", "type": "Input", "params": {"shape": [2]}},
                  {"id": "d", "type": "Dense", "params": {"units": 1}},
                  {"id": "out", "type": "Output", "params": {"loss": "mse"}}],
                 "edges": [
                  {"id": "e1", "from": {"node": "in", "port": "out"}, "to": {"node": "d", "port": "in"}},
                  {"id": "e2", "from": {"node": "d", "port": "out"}, "to": {"node": "out", "port": "in"}}]}
                """;
        long version = saveVersion(createProject("Diverge"), linear);
        long run = startRun(Map.of("modelVersionId", version, "datasetId", "two-spirals", "optimizer", "sgd",
                "learningRate", 10, "epochs", 200, "batchSize", 1, "seed", 3));
        String status = awaitEnd(run, 60);
        JsonPath r = given().get("/api/runs/" + run).then().extract().jsonPath();
        assertEquals("FAILED", status, r.prettify());
        assertTrue(r.getLong("failedStep") > 0);
        assertTrue(r.getString("error").contains("step " + r.getLong("failedStep")), r.getString("error"));
        // the project and its design are untouched
        given().get("/api/model-versions/" + version).then().statusCode(200);
    }

    @Test
    void stopEndsARunningRun() throws Exception {
        long version = saveVersion(createProject("Stop"), templateGraph("two-spirals"));
        long run = startRun(Map.of("modelVersionId", version, "datasetId", "two-spirals", "epochs", 100000, "batchSize", 8));
        long deadline = System.currentTimeMillis() + 20_000;
        while (!"RUNNING".equals(given().get("/api/runs/" + run).then().extract().jsonPath().getString("status"))) {
            assertTrue(System.currentTimeMillis() < deadline, "run did not start");
            Thread.sleep(50);
        }
        given().post("/api/runs/" + run + "/stop").then().statusCode(200);
        assertEquals("STOPPED", awaitEnd(run, 30));
        given().get("/api/runs/" + run).then().body("modelId", equalTo(null));
    }

    @Test
    void pausedRunResumesExactlyAsIfNeverPaused() throws Exception {
        long version = saveVersion(createProject("Pause"), templateGraph("blobs"));
        Map<String, Object> body = new HashMap<>(Map.of("modelVersionId", version, "datasetId", "blobs", "optimizer", "adam",
                "learningRate", 0.01, "epochs", 150, "batchSize", 8, "seed", 5));
        long paused = startRun(body);
        long deadline = System.currentTimeMillis() + 30_000;
        while (!"RUNNING".equals(given().get("/api/runs/" + paused).then().extract().jsonPath().getString("status"))) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("run " + paused + " did not start");
            Thread.sleep(20);
        }
        given().post("/api/runs/" + paused + "/pause").then().statusCode(200).body("status", equalTo("PAUSED"));
        given().post("/api/runs/" + paused + "/pause").then().statusCode(409).body("message", containsString("PAUSED"));
        Thread.sleep(300);
        int before = given().get("/api/runs/" + paused + "/metrics").then().extract().jsonPath().getList("").size();
        Thread.sleep(1000);
        int after = given().get("/api/runs/" + paused + "/metrics").then().extract().jsonPath().getList("").size();
        assertEquals(before, after, "no epoch runs while paused");
        assertTrue(before < 150, "paused before the end (" + before + " epochs)");
        given().post("/api/runs/" + paused + "/resume").then().statusCode(200).body("status", equalTo("RUNNING"));
        assertEquals("FINISHED", awaitEnd(paused, 120));
        given().post("/api/runs/" + paused + "/resume").then().statusCode(409);

        // a rerun has the same settings, so (deterministic training) the same result
        long straight = given().post("/api/runs/" + paused + "/rerun").then().statusCode(201)
                .body("config.seed", equalTo(5)).body("config.epochs", equalTo(150)).extract().jsonPath().getLong("id");
        assertEquals("FINISHED", awaitEnd(straight, 120));
        JsonPath a = given().get("/api/runs/" + paused).then().extract().jsonPath();
        JsonPath b = given().get("/api/runs/" + straight).then().extract().jsonPath();
        assertEquals(b.getDouble("metrics.loss"), a.getDouble("metrics.loss"), 0.0, "same final loss, bit for bit");
        byte[] ma = given().get("/api/models/" + a.getLong("modelId") + "/onnx").then().statusCode(200).extract().asByteArray();
        byte[] mb = given().get("/api/models/" + b.getLong("modelId") + "/onnx").then().statusCode(200).extract().asByteArray();
        // the graphs (the weights): the metadata names each run
        assertArrayEquals(graph(mb), graph(ma), "same weights after pause and resume as without");
    }

    @Test
    void stoppedRunResumesFromItsCheckpointAsIfNeverStopped() throws Exception {
        long version = saveVersion(createProject("Stop and resume"), templateGraph("blobs"));
        Map<String, Object> body = new HashMap<>(Map.of("modelVersionId", version, "datasetId", "blobs", "optimizer", "adam",
                "learningRate", 0.01, "epochs", 1000, "batchSize", 8, "seed", 9));
        long run = startRun(body);
        long deadline = System.currentTimeMillis() + 30_000;
        while (!"RUNNING".equals(given().get("/api/runs/" + run).then().extract().jsonPath().getString("status"))) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("run " + run + " did not start");
            Thread.sleep(5);
        }
        Thread.sleep(30);
        given().post("/api/runs/" + run + "/stop").then().statusCode(200);
        assertEquals("STOPPED", awaitEnd(run, 30));
        JsonPath stopped = given().get("/api/runs/" + run).then().extract().jsonPath();
        long checkpointStep = stopped.getLong("checkpoint.step");
        assertTrue(checkpointStep > 0 && checkpointStep < 1000L * 38, "checkpoint inside the run: step " + checkpointStep);
        given().contentType(ContentType.JSON).body(Map.of("learningRate", -1)).post("/api/runs/" + run + "/resume").then().statusCode(400);
        given().post("/api/runs/" + run + "/resume").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.oneOf("QUEUED", "RUNNING", "FINISHED"))
                .body("note", containsString("Resumed from the checkpoint at epoch"));
        assertEquals("FINISHED", awaitEnd(run, 120));
        given().get("/api/runs/" + run).then().body("checkpoint", equalTo(null));
        given().post("/api/runs/" + run + "/resume").then().statusCode(409);
        List<Integer> epochs = given().get("/api/runs/" + run + "/metrics").then().extract().jsonPath().getList("epoch", Integer.class);
        for (int i = 1; i < epochs.size(); i++) assertTrue(epochs.get(i) >= epochs.get(i - 1), "metric points in order, no repeats: " + epochs);

        long straight = given().post("/api/runs/" + run + "/rerun").then().statusCode(201).extract().jsonPath().getLong("id");
        assertEquals("FINISHED", awaitEnd(straight, 120));
        JsonPath a = given().get("/api/runs/" + run).then().extract().jsonPath();
        JsonPath b = given().get("/api/runs/" + straight).then().extract().jsonPath();
        assertEquals(b.getDouble("metrics.loss"), a.getDouble("metrics.loss"), 0.0, "same final loss, bit for bit");
        byte[] ma = given().get("/api/models/" + a.getLong("modelId") + "/onnx").then().statusCode(200).extract().asByteArray();
        byte[] mb = given().get("/api/models/" + b.getLong("modelId") + "/onnx").then().statusCode(200).extract().asByteArray();
        // the graphs (the weights): the metadata names each run
        assertArrayEquals(graph(mb), graph(ma), "same weights after stop and resume as without");
    }

    private static byte[] graph(byte[] onnx) throws Exception {
        return ai.onnx.proto.OnnxMl.ModelProto.parseFrom(onnx).getGraph().toByteArray();
    }
}
