package dev.netwright.api;

import io.restassured.http.ContentType;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Shared REST steps of the API tests. */
final class ApiTestSupport {
    private ApiTestSupport() {
    }

    static long createProject(String name) {
        return given().contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/api/projects").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static String templateGraph(String id) {
        return given().get("/api/templates/" + id).then().statusCode(200).extract().asString();
    }

    static long saveVersion(long projectId, String graphJson) {
        return given().contentType(ContentType.JSON).body(graphJson)
                .post("/api/projects/" + projectId + "/models").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static long startRun(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/runs")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Polls until the run leaves QUEUED/RUNNING (at most {@code seconds}); returns its final status. */
    static String awaitEnd(long runId, int seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < deadline) {
            String status = given().get("/api/runs/" + runId).then().statusCode(200).extract().jsonPath().getString("status");
            if (!List.of("QUEUED", "RUNNING").contains(status)) return status;
            Thread.sleep(100);
        }
        throw new AssertionError("run " + runId + " did not end within " + seconds + " s");
    }

    static Map<String, Object> xorRun(long versionId) {
        return Map.of("modelVersionId", versionId, "datasetId", "xor", "optimizer", "adam", "learningRate", 0.05,
                "epochs", 300, "batchSize", 4, "seed", 1);
    }
}
