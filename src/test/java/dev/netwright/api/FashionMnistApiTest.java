package dev.netwright.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.netwright.api.ApiTestSupport.awaitEnd;
import static dev.netwright.api.ApiTestSupport.createProject;
import static dev.netwright.api.ApiTestSupport.saveVersion;
import static dev.netwright.api.ApiTestSupport.startRun;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real data end to end: Debian's Fashion-MNIST (apt-get install dataset-fashion-mnist; .ci/run installs it) uploaded
 * as four gzipped IDX files, then one epoch of a small MLP. Skipped, with a message, where the package is missing.
 */
@QuarkusTest
class FashionMnistApiTest {
    static final Path DIR = Path.of("/usr/share/datasets/fashion-mnist");
    static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
            "Sneaker", "Bag", "Ankle boot");

    @Test
    void uploadsWithItsTestSetAndTrains() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(DIR.resolve("train-images-idx3-ubyte.gz")),
                "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
        long project = createProject("Fashion-MNIST");
        long t0 = System.nanoTime();
        JsonPath d = given()
                .multiPart("images", DIR.resolve("train-images-idx3-ubyte.gz").toFile())
                .multiPart("labels", DIR.resolve("train-labels-idx1-ubyte.gz").toFile())
                .multiPart("testImages", DIR.resolve("t10k-images-idx3-ubyte.gz").toFile())
                .multiPart("testLabels", DIR.resolve("t10k-labels-idx1-ubyte.gz").toFile())
                .multiPart("classNames", String.join(",", CLASSES))
                .multiPart("split", "90/10")
                .post("/api/projects/" + project + "/datasets").then().statusCode(201)
                .body("size", equalTo(70_000)).body("featureShape", equalTo(List.of(1, 28, 28)))
                .body("split.sourceTest", equalTo(true)).body("split.test", equalTo(10_000))
                .body("split.train", equalTo(54_000)).body("split.validation", equalTo(6_000))
                .body("classCounts", equalTo(List.of(7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000, 7000)))
                .extract().jsonPath();
        System.out.printf("Fashion-MNIST upload + import + store: %.2f s (%d bytes stored)%n",
                (System.nanoTime() - t0) / 1e9, d.getLong("bytes"));
        assertEquals(CLASSES, d.getList("classes"));
        String id = d.getString("id");

        String graph = """
                {"format": "netwright.graph", "version": 1, "name": "Fashion MLP",
                 "nodes": [
                   {"id": "input", "type": "Input", "params": {"shape": [1, 28, 28]}},
                   {"id": "flat", "type": "Flatten", "params": {}},
                   {"id": "hidden", "type": "Dense", "params": {"units": 64, "activation": "relu"}},
                   {"id": "logits", "type": "Dense", "params": {"units": 10}},
                   {"id": "output", "type": "Output", "params": {"loss": "cross_entropy"}}],
                 "edges": [
                   {"id": "e1", "from": {"node": "input", "port": "out"}, "to": {"node": "flat", "port": "in"}},
                   {"id": "e2", "from": {"node": "flat", "port": "out"}, "to": {"node": "hidden", "port": "in"}},
                   {"id": "e3", "from": {"node": "hidden", "port": "out"}, "to": {"node": "logits", "port": "in"}},
                   {"id": "e4", "from": {"node": "logits", "port": "out"}, "to": {"node": "output", "port": "in"}}]}
                """;
        long version = saveVersion(project, graph);
        Map<String, Object> run = new HashMap<>(Map.of("modelVersionId", version, "datasetId", id, "optimizer", "adam",
                "learningRate", 0.002, "epochs", 1, "batchSize", 128, "seed", 1));
        run.put("scaling", "standardize");
        long runId = startRun(run);
        assertEquals("FINISHED", awaitEnd(runId, 240));
        JsonPath m = given().get("/api/runs/" + runId + "/metrics").then().statusCode(200).extract().jsonPath();
        double valAccuracy = m.getDouble("[-1].valAccuracy");
        System.out.printf("Fashion-MNIST, MLP 784-64-10, 1 epoch: validation accuracy %.3f%n", valAccuracy);
        assertTrue(valAccuracy > 0.75, "validation accuracy after one epoch " + valAccuracy);
    }
}
