package dev.netwright.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.netwright.api.ApiTestSupport.createProject;
import static dev.netwright.api.ApiTestSupport.saveVersion;
import static dev.netwright.api.ApiTestSupport.templateGraph;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ExperimentApiTest {

    @Test
    void crossValidationRunsEveryFoldAndReportsMeanAndStd() throws Exception {
        long version = saveVersion(createProject("Cross-validation"), templateGraph("blobs"));
        Map<String, Object> run = Map.of("modelVersionId", version, "datasetId", "blobs", "optimizer", "adam",
                "learningRate", 0.02, "epochs", 8, "batchSize", 32, "seed", 3);
        long id = given().contentType(ContentType.JSON).body(Map.of("k", 3, "run", run)).post("/api/experiments/crossval")
                .then().statusCode(201).body("k", equalTo(3)).body("runs", hasSize(3)).body("kind", equalTo("crossval"))
                .extract().jsonPath().getLong("id");
        JsonPath e = null;
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            e = given().get("/api/experiments/" + id).then().statusCode(200).extract().jsonPath();
            if (!"RUNNING".equals(e.getString("status"))) break;
            Thread.sleep(200);
        }
        assertEquals("FINISHED", e.getString("status"));
        for (int i = 0; i < 3; i++) {
            assertEquals(i, e.getInt("runs[" + i + "].config.fold.index"));
            assertEquals(id, e.getLong("runs[" + i + "].experimentId"));
        }
        List<Float> values = e.getList("valAccuracy.values", Float.class);
        assertEquals(3, values.size());
        double mean = values.stream().mapToDouble(Float::doubleValue).average().orElseThrow();
        double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        assertEquals(mean, e.getDouble("valAccuracy.mean"), 1e-6);
        assertEquals(Math.sqrt(ss / 2), e.getDouble("valAccuracy.std"), 1e-6);
        assertTrue(mean > 0.8, "mean validation accuracy " + mean);
        // each fold validated on its own third of the 600 samples
        long firstRun = e.getLong("runs[0].id");
        given().get("/api/runs/" + firstRun + "/evaluations").then().statusCode(200).body("[0].samples", equalTo(200));

        given().contentType(ContentType.JSON).body(Map.of("k", 1, "run", run)).post("/api/experiments/crossval")
                .then().statusCode(400).body("message", containsString("k must be"));
        given().get("/api/experiments/999999").then().statusCode(404);
    }
}
