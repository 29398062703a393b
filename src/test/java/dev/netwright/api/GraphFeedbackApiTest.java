package dev.netwright.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.netwright.api.ApiTestSupport.createProject;
import static dev.netwright.api.ApiTestSupport.saveVersion;
import static dev.netwright.api.ApiTestSupport.templateGraph;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

/** Live feedback over REST: costs, suggested fixes and applying them, and the diff of two model versions. */
@QuarkusTest
class GraphFeedbackApiTest {
    private static final String FLAT_INTO_CONV = """
            {"nodes": [
              {"id": "input", "type": "Input", "params": {"shape": [784]}, "position": {"x": 40, "y": 40}},
              {"id": "conv1", "type": "Conv2D", "params": {"filters": 4, "kernel": 3}, "position": {"x": 40, "y": 280}},
              {"id": "gap", "type": "GlobalAvgPool2D", "position": {"x": 40, "y": 400}},
              {"id": "out", "type": "Output", "position": {"x": 40, "y": 520}}],
             "edges": [
              {"id": "e1", "from": {"node": "input", "port": "out"}, "to": {"node": "conv1", "port": "in"}},
              {"id": "e2", "from": {"node": "conv1", "port": "out"}, "to": {"node": "gap", "port": "in"}},
              {"id": "e3", "from": {"node": "gap", "port": "out"}, "to": {"node": "out", "port": "in"}}]}
            """;

    @Test
    void validateReportsFlopsAndTrainingMemory() {
        // XOR: Dense 2→4 tanh, Dense 4→1 sigmoid; 17 parameters
        given().contentType(ContentType.JSON).body(templateGraph("xor")).post("/api/graphs/validate?batchSize=4&optimizer=sgd")
                .then().statusCode(200)
                .body("nodes.hidden.flops", is(16)).body("nodes.prob.flops", is(8)).body("totalFlops", is(24))
                .body("memory.batchSize", is(4)).body("memory.optimizer", equalTo("sgd"))
                .body("memory.parameterBytes", is(68)).body("memory.optimizerStateBytes", is(0))
                // outputs 2 + 4 + 1 (+ the Output view), pre-activations 4 + 1, for 4 samples of 4 bytes
                .body("memory.activationBytes", is(7 * 16)).body("memory.savedForBackwardBytes", is(5 * 16))
                .body("memory.totalBytes", is(68 + 68 + 7 * 16 + 5 * 16));
        given().contentType(ContentType.JSON).body(templateGraph("lenet-5")).post("/api/graphs/validate")
                .then().statusCode(200).body("totalFlops", is(833_040)).body("memory.batchSize", is(32))
                .body("memory.optimizerStateSlots", is(2)).body("memory.totalBytes", is(2_956_704));
        given().contentType(ContentType.JSON).body(templateGraph("xor")).post("/api/graphs/validate?optimizer=wobbly")
                .then().statusCode(400).body("message", containsString("wobbly"));
    }

    @Test
    void problemsCarryTheirFixAndTheFixEndpointAppliesIt() {
        given().contentType(ContentType.JSON).body(FLAT_INTO_CONV).post("/api/graphs/validate").then().statusCode(422)
                .body("problems[0].code", equalTo("SHAPE_MISMATCH")).body("problems[0].nodeId", equalTo("conv1"))
                .body("problems[0].message", equalTo("Conv2D 'conv1' needs [N, C, H, W] but receives [N, 784] from 'input': insert Reshape(1, 28, 28)?"))
                .body("problems[0].fix.label", equalTo("Insert Reshape(1, 28, 28)"))
                .body("problems[0].fix.edits[0].op", equalTo("insert"))
                .body("problems[0].fix.edits[0].edgeId", equalTo("e1"))
                .body("problems[0].fix.edits[0].type", equalTo("Reshape"))
                .body("problems[0].fix.edits[0].params.shape", hasItems(1, 28, 28));

        given().contentType(ContentType.JSON).body("{\"graph\": " + FLAT_INTO_CONV + ", \"problemIndex\": 0}").post("/api/graphs/fix")
                .then().statusCode(200)
                .body("graph.nodes.id", equalTo(List.of("input", "reshape", "conv1", "gap", "out")))
                .body("graph.nodes[1].position.y", is(160.0f))
                .body("analysis.valid", is(true)).body("analysis.problems", hasSize(0))
                .body("analysis.nodes.conv1.shape", equalTo(List.of(4, 26, 26)));

        // a fix as the client holds it (edits in JSON)
        String explicit = "{\"graph\": " + FLAT_INTO_CONV + ", \"fix\": {\"label\": \"Reshape\", \"edits\": ["
                + "{\"op\": \"insert\", \"edgeId\": \"e1\", \"nodeId\": \"img\", \"type\": \"Reshape\", \"params\": {\"shape\": [1, 28, 28]}},"
                + "{\"op\": \"setParam\", \"nodeId\": \"conv1\", \"param\": \"filters\", \"value\": 6}]}}";
        given().contentType(ContentType.JSON).body(explicit).post("/api/graphs/fix").then().statusCode(200)
                .body("analysis.valid", is(true)).body("analysis.nodes.img.shape", equalTo(List.of(1, 28, 28)))
                .body("analysis.nodes.conv1.shape", equalTo(List.of(6, 26, 26)));
    }

    @Test
    void fixRequestsThatCannotBeDoneAre400() {
        given().contentType(ContentType.JSON).body("{\"graph\": " + FLAT_INTO_CONV + ", \"problemIndex\": 3}").post("/api/graphs/fix")
                .then().statusCode(400).body("message", containsString("problemIndex"));
        given().contentType(ContentType.JSON).body("{\"graph\": " + FLAT_INTO_CONV + "}").post("/api/graphs/fix")
                .then().statusCode(400).body("message", containsString("exactly one"));
        given().contentType(ContentType.JSON).body("{\"graph\": " + FLAT_INTO_CONV + ", \"fix\": {\"label\": \"x\", \"edits\": "
                        + "[{\"op\": \"remove\", \"nodeId\": \"ghost\"}]}}").post("/api/graphs/fix")
                .then().statusCode(400).body("message", containsString("ghost"));
        String unconnected = """
                {"graph": {"nodes": [{"id": "in", "type": "Input", "params": {"shape": [2]}}, {"id": "out", "type": "Output"}],
                           "edges": []},
                 "problemIndex": 0}
                """;
        given().contentType(ContentType.JSON).body(unconnected).post("/api/graphs/fix")
                .then().statusCode(400).body("message", containsString("no suggested fix"));
        given().contentType(ContentType.JSON).body(templateGraph("xor")).post("/api/graphs/validate")
                .then().statusCode(200).body("problems", hasSize(0));
    }

    @Test
    void diffOfTwoModelVersions() {
        long project = createProject("Diff");
        String v1 = templateGraph("xor");
        String v2 = v1.replace("\"units\":4", "\"units\":8").replace("\"x\":40.0", "\"x\":60.0");
        long a = saveVersion(project, v1), b = saveVersion(project, v2);
        given().get("/api/model-versions/" + a + "/diff/" + b).then().statusCode(200)
                .body("added", hasSize(0)).body("removed", hasSize(0))
                .body("changed", hasSize(1)).body("changed[0].nodeId", equalTo("hidden"))
                .body("changed[0].params", equalTo(List.of(Map.of("name", "units", "oldValue", 4, "newValue", 8))))
                .body("moved.nodeId", equalTo(List.of("input")))
                .body("addedEdges", hasSize(0)).body("removedEdges", hasSize(0))
                .body("empty", is(false));
        given().get("/api/model-versions/" + a + "/diff/" + a).then().statusCode(200).body("empty", is(true)).body("moved", hasSize(0));
        given().get("/api/model-versions/" + a + "/diff/999999").then().statusCode(404).body("message", containsString("999999"));
    }

    @Test
    void templatesListTheNewDesigns() {
        given().get("/api/templates").then().statusCode(200)
                .body("id", hasItems("mlp-28", "lenet-5", "vgg-bn", "resnet-mini", "rnn-sequence", "lstm-sequence", "autoencoder-28", "selu-mlp"))
                .body("find { it.id == 'lstm-sequence' }.datasetId", equalTo("adding"))
                .body("find { it.id == 'autoencoder-28' }.datasetId", equalTo("shapes-28-reconstruct"));
    }
}
