package dev.netwright.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.netwright.api.ApiTestSupport.awaitEnd;
import static dev.netwright.api.ApiTestSupport.startRun;
import static org.junit.jupiter.api.Assertions.assertEquals;

import static dev.netwright.api.ApiTestSupport.createProject;
import static dev.netwright.api.ApiTestSupport.saveVersion;
import static dev.netwright.api.ApiTestSupport.templateGraph;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class ProjectApiTest {

    @Test
    void templatesListAndGraph() {
        given().get("/api/templates").then().statusCode(200)
                .body("id", hasItems("xor", "two-spirals"))
                .body("find { it.id == 'xor' }.datasetId", equalTo("xor"));
        given().get("/api/templates/xor").then().statusCode(200)
                .body("format", equalTo("netwright.graph"))
                .body("nodes.type", hasItems("Input", "Dense", "Output"))
                .body("edges", hasSize(3));
        given().get("/api/templates/nope").then().statusCode(404).body("message", containsString("Template nope"));
    }

    /**
     * Seeds AR6: the template with the lecture notes' exact XOR weights saves them with the version; a run starts from
     * them, so it is solved from the first epoch (loss exactly 0, every gradient 0, so training keeps them), and the
     * trained model served by ONNX Runtime answers g(x) = 0, 1, 1, 0.
     */
    @Test
    void theSeedsXorTemplateComesWithItsExactWeights() throws InterruptedException {
        given().get("/api/templates").then().statusCode(200)
                .body("find { it.id == 'xor-seed' }.hasWeights", equalTo(true))
                .body("find { it.id == 'xor' }.hasWeights", equalTo(false))
                .body("find { it.id == 'selu-mlp' }.scaling", equalTo("standardize"))
                .body("find { it.id == 'xor' }.scaling", equalTo("none"));
        long project = createProject("Seed XOR");
        long version = given().header("X-Netwright-Author", "Ada").post("/api/projects/" + project + "/models/template/xor-seed")
                .then().statusCode(201).body("hasWeights", equalTo(true)).body("author", equalTo("Ada")).body("version", is(1)).body("graph.nodes", hasSize(4))
                .extract().jsonPath().getLong("id");
        given().post("/api/projects/" + project + "/models/template/nope").then().statusCode(404)
                .body("message", containsString("Template nope"));
        given().post("/api/projects/999999/models/template/xor-seed").then().statusCode(404);

        long run = startRun(Map.of("modelVersionId", version, "datasetId", "xor", "optimizer", "sgd", "learningRate", 0.05,
                "epochs", 5, "batchSize", 4, "seed", 7));
        assertEquals("FINISHED", awaitEnd(run, 60));
        var r = given().get("/api/runs/" + run).then().statusCode(200)
                .body("metrics.loss", equalTo(0.0f)).body("metrics.accuracy", equalTo(1.0f)).extract().jsonPath();
        long model = r.getLong("modelId");
        float[][] points = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
        var p = given().contentType(ContentType.JSON).body(Map.of("inputs", points))
                .post("/api/models/" + model + "/predict").then().statusCode(200).extract().jsonPath();
        float[] xor = {0, 1, 1, 0};
        for (int i = 0; i < 4; i++) assertEquals(xor[i], p.getFloat("outputs[" + i + "][0]"), 0f, "g at point " + i);
    }

    @Test
    void createAndReadProjectWithVersions() {
        long id = createProject("My XOR");
        given().get("/api/projects/" + id).then().statusCode(200)
                .body("name", equalTo("My XOR")).body("versions", hasSize(0));
        String graph = templateGraph("xor");
        long v1 = saveVersion(id, graph);
        long v2 = saveVersion(id, graph);
        given().get("/api/projects/" + id).then().statusCode(200).body("versions.version", hasItems(1, 2));
        given().get("/api/model-versions/" + v2).then().statusCode(200)
                .body("version", is(2)).body("projectId", is((int) id)).body("graph.nodes", hasSize(4));
        given().get("/api/model-versions/" + v1).then().statusCode(200).body("version", is(1));
        given().get("/api/projects").then().statusCode(200).body("id", hasItem((int) id));
    }

    @Test
    void unknownIdsAre404() {
        given().get("/api/projects/999999").then().statusCode(404).body("message", containsString("Project 999999"));
        given().contentType(ContentType.JSON).body(templateGraph("xor")).post("/api/projects/999999/models").then().statusCode(404);
        given().get("/api/runs/999999").then().statusCode(404);
        given().get("/api/models/999999/onnx").then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("inputs", new float[][]{{0, 1}}))
                .post("/api/models/999999/predict").then().statusCode(404);
    }

    @Test
    void malformedJsonIs400WithAMessage() {
        given().contentType(ContentType.JSON).body("{\"name\": ").post("/api/projects").then().statusCode(400)
                .body("message", containsString("Malformed JSON"));
        given().contentType(ContentType.JSON).body("{\"nodes\": 5}").post("/api/graphs/validate").then().statusCode(400)
                .body("message", containsString("nodes"));
        given().contentType(ContentType.JSON).body(Map.of("description", "no name")).post("/api/projects").then().statusCode(400)
                .body("message", containsString("name"));
    }

    @Test
    void invalidGraphIs422PinnedToNodesAndNothingIsSaved() {
        long id = createProject("Broken");
        String cyclic = """
                {"nodes": [
                  {"id": "in", "type": "Input", "params": {"shape": [2]}},
                  {"id": "a", "type": "Dense", "params": {"units": 3}},
                  {"id": "b", "type": "Tanh"},
                  {"id": "out", "type": "Output"}],
                 "edges": [
                  {"id": "e1", "from": {"node": "in", "port": "out"}, "to": {"node": "a", "port": "in"}},
                  {"id": "e2", "from": {"node": "a", "port": "out"}, "to": {"node": "b", "port": "in"}},
                  {"id": "e3", "from": {"node": "b", "port": "out"}, "to": {"node": "a", "port": "in"}},
                  {"id": "e4", "from": {"node": "b", "port": "out"}, "to": {"node": "ghost", "port": "in"}}]}
                """;
        given().contentType(ContentType.JSON).body(cyclic).post("/api/projects/" + id + "/models").then().statusCode(422)
                .body("problems.code", hasItems("PORT_TAKEN", "DANGLING_EDGE", "MISSING_INPUT"))
                .body("problems.find { it.code == 'DANGLING_EDGE' }.nodeId", equalTo("b"))
                .body("problems.find { it.code == 'MISSING_INPUT' }.nodeId", equalTo("out"));
        given().get("/api/projects/" + id).then().statusCode(200).body("versions", hasSize(0));
    }

    @Test
    void validateReturnsShapesPerEdgeAndProblems() {
        given().contentType(ContentType.JSON).body(templateGraph("xor")).post("/api/graphs/validate").then().statusCode(200)
                .body("valid", is(true))
                .body("edges.e1", hasItems(2)).body("edges.e2", hasItems(4)).body("edges.e3", hasItems(1))
                .body("nodes.hidden.parameters", is(12)).body("totalParameters", is(17)).body("problems", hasSize(0));
        String mismatch = """
                {"nodes": [
                  {"id": "in", "type": "Input", "params": {"shape": [1, 28, 28]}},
                  {"id": "d", "type": "Dense", "params": {"units": 10}},
                  {"id": "out", "type": "Output", "params": {"loss": "cross_entropy"}}],
                 "edges": [
                  {"id": "e1", "from": {"node": "in", "port": "out"}, "to": {"node": "d", "port": "in"}},
                  {"id": "e2", "from": {"node": "d", "port": "out"}, "to": {"node": "out", "port": "in"}}]}
                """;
        given().contentType(ContentType.JSON).body(mismatch).post("/api/graphs/validate").then().statusCode(422)
                .body("valid", is(false))
                .body("problems[0].code", equalTo("SHAPE_MISMATCH")).body("problems[0].nodeId", equalTo("d"))
                .body("problems[0].message", containsString("Flatten"))
                .body("edges.e1", hasItems(1, 28, 28));
    }

    @Test
    void layerCatalogAndDatasets() {
        given().get("/api/layers").then().statusCode(200)
                .body("type", hasItems("Input", "Dense", "ReLU", "Sigmoid", "Tanh", "Softmax", "Output"))
                .body("find { it.type == 'Dense' }.params.name", hasItems("units", "activation", "bias"))
                .body("find { it.type == 'Dropout' }.params[0].description", containsString("DROPPING"));
        given().get("/api/datasets").then().statusCode(200)
                .body("id", hasItems("xor", "two-spirals"))
                .body("find { it.id == 'xor' }.size", is(4))
                .body("find { it.id == 'two-spirals' }.featureShape", hasItems(2));
    }

    @Test
    void openApiDocumentsTheEndpoints() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", notNullValue())
                .body("paths.'/api/runs'.post", notNullValue())
                .body("paths.'/api/models/{id}/predict'.post", notNullValue());
    }
}
