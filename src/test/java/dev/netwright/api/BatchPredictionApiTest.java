package dev.netwright.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netwright.data.BuiltinDatasets;
import dev.netwright.data.Dataset;
import dev.netwright.serving.ProtoModels;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.netwright.api.ApiTestSupport.awaitEnd;
import static dev.netwright.api.ApiTestSupport.createProject;
import static dev.netwright.api.ApiTestSupport.saveVersion;
import static dev.netwright.api.ApiTestSupport.startRun;
import static dev.netwright.api.ApiTestSupport.templateGraph;
import static dev.netwright.api.ApiTestSupport.xorRun;
import static dev.netwright.api.ModelRegistryApiTest.assumeSamples;
import static dev.netwright.api.ModelRegistryApiTest.floats;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Batch prediction jobs over HTTP: a trained XOR model and a trained blobs classifier over built-in data sets, an
 * uploaded PyTorch MLP over a CSV data set; the CSV has one row per sample and its outputs equal what
 * {@code /predict} answers; inputs that do not fit are refused before anything is queued. Also the latency statistics
 * the predictions leave behind.
 */
@QuarkusTest
class BatchPredictionApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void xorJobPredictsEverySampleLikePredict() throws Exception {
        long model = trainedModel("Batch XOR", xorRun(saveVersion(createProject("Batch XOR"), templateGraph("xor"))));
        int before = given().get("/api/models/" + model + "/stats").then().statusCode(200).extract().jsonPath().getInt("count");
        JsonPath started = given().contentType(ContentType.JSON).body(Map.of("datasetId", "xor"))
                .post("/api/models/" + model + "/batch-predictions").then().statusCode(202)
                .header("Location", matchesPattern(".*/api/batch-predictions/[0-9a-f]{32}$"))
                .body("status", oneOf("QUEUED", "RUNNING", "FINISHED")).body("modelId", equalTo((int) model))
                .body("part", equalTo("all")).body("total", equalTo(4))
                .extract().jsonPath();
        String job = started.getString("jobId");
        JsonPath done = awaitJob(job);
        assertEquals("FINISHED", done.getString("status"), done.prettify());
        assertEquals(4, done.getInt("done"));
        assertEquals(4, done.getInt("total"));
        assertNull(done.get("error"));

        List<String[]> csv = csv(job);
        assertEquals(List.of("index", "target", "output", "predicted_class", "predicted_label", "probability"), List.of(csv.getFirst()));
        assertEquals(5, csv.size(), "header and one row per sample");
        float[][] rows = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        float[] predicted = floats(given().contentType(ContentType.JSON).body(Map.of("inputs", rows))
                .post("/api/models/" + model + "/predict").then().statusCode(200).extract().jsonPath().getList("outputs.flatten()"));
        for (int i = 0; i < 4; i++) {
            String[] r = csv.get(i + 1);
            assertEquals(String.valueOf(i), r[0]);
            assertEquals(i == 0 || i == 3 ? "0" : "1", r[1], "XOR's target");
            assertEquals(predicted[i], Float.parseFloat(r[2]), 1e-6, "sample " + i);
            int cls = predicted[i] > 0.5 ? 1 : 0;
            assertEquals(String.valueOf(cls), r[3], "the trained model gets XOR right");
            assertEquals(String.valueOf(cls), r[4], "XOR's classes are named 0 and 1");
            assertEquals(cls == 1 ? predicted[i] : 1 - predicted[i], Float.parseFloat(r[5]), 1e-6);
        }

        // the job's four samples went through in one call, /predict made another: both are in the statistics
        given().get("/api/models/" + model + "/stats").then().statusCode(200)
                .body("modelId", equalTo((int) model)).body("count", equalTo(before + 2)).body("window", equalTo(before + 2));
        JsonPath stats = given().get("/api/models/" + model + "/stats").then().extract().jsonPath();
        double p50 = stats.getDouble("p50Ms"), p90 = stats.getDouble("p90Ms"), p99 = stats.getDouble("p99Ms");
        assertTrue(0 < p50 && p50 <= p90 && p90 <= p99 && p99 <= stats.getDouble("maxMs"), stats.prettify());
        assertTrue(stats.getDouble("meanMs") > 0, stats.prettify());
    }

    @Test
    void classifierJobOnTheValidationPart() throws Exception {
        Map<String, Object> run = new HashMap<>(Map.of("modelVersionId", saveVersion(createProject("Batch blobs"), templateGraph("blobs")),
                "datasetId", "blobs", "optimizer", "adam", "learningRate", 0.01, "epochs", 10, "batchSize", 32, "seed", 1));
        long model = trainedModel("Batch blobs", run);
        int validation = given().get("/api/datasets/blobs").then().statusCode(200).extract().jsonPath().getInt("split.validation");
        assertTrue(validation > 0);
        String job = given().contentType(ContentType.JSON).body(Map.of("datasetId", "blobs", "part", "validation"))
                .post("/api/models/" + model + "/batch-predictions").then().statusCode(202)
                .body("total", equalTo(validation)).extract().jsonPath().getString("jobId");
        JsonPath done = awaitJob(job);
        assertEquals("FINISHED", done.getString("status"), done.prettify());
        assertEquals(validation, done.getInt("done"));

        Dataset blobs = BuiltinDatasets.find("blobs").orElseThrow();
        List<String[]> csv = csv(job);
        int classes = blobs.classes();
        List<String> header = new ArrayList<>(List.of("index", "target"));
        for (int k = 0; k < classes; k++) header.add("output_" + k);
        header.addAll(List.of("predicted_class", "predicted_label", "probability"));
        assertEquals(header, List.of(csv.getFirst()));
        assertEquals(validation + 1, csv.size());

        // the same samples through /predict (rows)
        float[][] rows = new float[validation][];
        for (int i = 0; i < validation; i++) {
            int sample = Integer.parseInt(csv.get(i + 1)[0]);
            rows[i] = Arrays.copyOfRange(blobs.features(), sample * 2, sample * 2 + 2);
            assertEquals(String.valueOf((int) blobs.targets()[sample]), csv.get(i + 1)[1]);
        }
        List<List<Float>> predicted = given().contentType(ContentType.JSON).body(Map.of("inputs", rows))
                .post("/api/models/" + model + "/predict").then().statusCode(200).extract().jsonPath().getList("outputs");
        int right = 0;
        for (int i = 0; i < validation; i++) {
            String[] r = csv.get(i + 1);
            float[] y = floats(predicted.get(i));
            int best = 0;
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                assertEquals(y[k], Float.parseFloat(r[2 + k]), 1e-5, "sample " + r[0] + " output " + k);
                if (y[k] > y[best]) best = k;
            }
            for (int k = 0; k < classes; k++) sum += Math.exp(y[k] - y[best]);
            assertEquals(String.valueOf(best), r[2 + classes]);
            assertEquals(blobs.classNames().get(best), r[3 + classes]);
            assertEquals(1 / sum, Float.parseFloat(r[4 + classes]), 1e-5, "softmax of the logits");
            if (r[1].equals(r[2 + classes])) right++;
        }
        assertTrue(right > validation * 0.8, right + " of " + validation + " right");
    }

    @Test
    void uploadedModelOnAnUploadedCsv() throws Exception {
        assumeSamples();
        JsonNode sample = JSON.readTree(ProtoModels.samplesDir().resolve("mlp.json").toFile());
        long model = ModelRegistryApiTest.upload(Files.readAllBytes(ProtoModels.samplesDir().resolve("mlp.onnx")), "batch-mlp").getLong("id");
        // the sample's five inputs as a CSV data set with a class column
        float[] x = floats(JSON.convertValue(sample.path("input").path("data"), List.class));
        StringBuilder b = new StringBuilder("a,b,c,d,kind\n");
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 4; j++) b.append(Float.toString(x[i * 4 + j])).append(',');
            b.append(i % 2 == 0 ? "even" : "odd").append('\n');
        }
        Path file = dir.resolve("five.csv");
        Files.writeString(file, b.toString());
        String dataset = given().multiPart("file", file.toFile()).post("/api/projects/" + createProject("Batch MLP") + "/datasets")
                .then().statusCode(201).extract().jsonPath().getString("id");

        String job = given().contentType(ContentType.JSON).body(Map.of("datasetId", dataset, "part", "ALL"))
                .post("/api/models/" + model + "/batch-predictions").then().statusCode(202).extract().jsonPath().getString("jobId");
        assertEquals("FINISHED", awaitJob(job).getString("status"));
        List<String[]> csv = csv(job);
        assertEquals(List.of("index", "target", "output_0", "output_1", "output_2", "predicted_class", "probability"), List.of(csv.getFirst()),
                "the data set names two classes, the model has three outputs: classes without names");
        assertEquals(6, csv.size());

        ObjectNode body = JSON.createObjectNode();
        body.putObject("inputs").set("input", sample.path("input"));
        float[] predicted = floats(given().contentType(ContentType.JSON).body(JSON.writeValueAsString(body))
                .post("/api/models/" + model + "/predict").then().statusCode(200).extract().jsonPath().getList("outputs.output.data"));
        float[] expected = floats(JSON.convertValue(sample.path("expected_output").path("data"), List.class));
        for (int i = 0; i < 5; i++) {
            for (int k = 0; k < 3; k++) {
                float v = Float.parseFloat(csv.get(i + 1)[2 + k]);
                assertEquals(predicted[i * 3 + k], v, 1e-6, "sample " + i + " output " + k + " as /predict");
                assertEquals(expected[i * 3 + k], v, 1e-4, "sample " + i + " output " + k + " as PyTorch");
            }
            int best = 0;
            for (int k = 1; k < 3; k++) if (predicted[i * 3 + k] > predicted[i * 3 + best]) best = k;
            assertEquals(String.valueOf(best), csv.get(i + 1)[5]);
            assertEquals(predicted[i * 3 + best], Float.parseFloat(csv.get(i + 1)[6]), 1e-6, "a softmax output is its own probability");
        }
    }

    @Test
    void inputsThatDoNotFitAreRefusedBeforeAJobStarts() {
        assumeSamples();
        long mlp = ModelRegistryApiTest.upload(readSample("mlp.onnx"), "batch-misfit").getLong("id");
        given().contentType(ContentType.JSON).body(Map.of("datasetId", "xor"))
                .post("/api/models/" + mlp + "/batch-predictions").then().statusCode(400)
                .body("message", allOf(containsString("Input 'input' of model " + mlp + " expects shape ["), containsString(", 4]"),
                        containsString("data set 'xor' has samples of shape [2], 2 values each")));
        long lenet = ModelRegistryApiTest.upload(readSample("lenet.onnx"), "batch-lenet").getLong("id");
        given().contentType(ContentType.JSON).body(Map.of("datasetId", "blobs"))
                .post("/api/models/" + lenet + "/batch-predictions").then().statusCode(400)
                .body("message", allOf(containsString(", 1, 28, 28]"), containsString("784 values per sample"), containsString("[2]")));
        given().contentType(ContentType.JSON).body(Map.of("datasetId", "xor", "part", "everything"))
                .post("/api/models/" + mlp + "/batch-predictions").then().statusCode(400)
                .body("message", containsString("[all, train, validation, test]"));
        given().contentType(ContentType.JSON).body(Map.of("part", "all"))
                .post("/api/models/" + mlp + "/batch-predictions").then().statusCode(400).body("message", containsString("datasetId"));
        given().contentType(ContentType.JSON).body(Map.of("datasetId", "xor", "part", "test"))
                .post("/api/models/" + mlp + "/batch-predictions").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("datasetId", "no-such-set"))
                .post("/api/models/" + mlp + "/batch-predictions").then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("datasetId", "xor"))
                .post("/api/models/999999/batch-predictions").then().statusCode(404).body("message", is("Model 999999 does not exist"));
        given().get("/api/batch-predictions/0123456789abcdef0123456789abcdef").then().statusCode(404);
        given().get("/api/batch-predictions/..%2F..%2Fdb").then().statusCode(404);
        given().get("/api/batch-predictions/0123456789abcdef0123456789abcdef/results.csv").then().statusCode(404);
        given().get("/api/models/999999/stats").then().statusCode(404);
        given().get("/api/models/" + mlp + "/stats").then().statusCode(200).body("count", equalTo(0)).body("p50Ms", is((Object) null));
    }

    // ---- helpers

    private static long trainedModel(String what, Map<String, Object> run) throws InterruptedException {
        long id = startRun(run);
        assertEquals("FINISHED", awaitEnd(id, 120), what);
        return given().get("/api/runs/" + id).then().statusCode(200).extract().jsonPath().getLong("modelId");
    }

    private static JsonPath awaitJob(String job) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            JsonPath j = given().get("/api/batch-predictions/" + job).then().statusCode(200).extract().jsonPath();
            if (List.of("FINISHED", "FAILED").contains(j.getString("status"))) return j;
            assertTrue(j.getInt("done") <= j.getInt("total"));
            Thread.sleep(50);
        }
        throw new AssertionError("batch prediction " + job + " did not end within 60 s");
    }

    private static List<String[]> csv(String job) {
        String text = given().get("/api/batch-predictions/" + job + "/results.csv").then().statusCode(200)
                .contentType(containsString("text/csv")).header("Content-Disposition", containsString("attachment"))
                .extract().asString();
        return text.lines().map(l -> l.split(",", -1)).toList();
    }

    private static byte[] readSample(String name) {
        try {
            return Files.readAllBytes(ProtoModels.samplesDir().resolve(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
