package dev.netwright.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static dev.netwright.api.ApiTestSupport.createProject;
import static dev.netwright.api.ApiTestSupport.saveVersion;
import static dev.netwright.api.ApiTestSupport.templateGraph;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/** Restore and export of saved versions. */
@QuarkusTest
class VersionApiTest {

    @Test
    void restoreSavesTheOldGraphAsTheNextVersionAndKeepsHistory() {
        long project = createProject("Restore");
        long v1 = saveVersion(project, templateGraph("xor"));
        long v2 = saveVersion(project, templateGraph("blobs"));

        int v3 = given().post("/api/model-versions/" + v1 + "/restore").then().statusCode(201)
                .header("Location", containsString("/api/model-versions/"))
                .body("version", is(3)).body("projectId", is((int) project))
                .body("name", equalTo("XOR (restored from version 1)"))
                .extract().jsonPath().getInt("id");

        given().get("/api/model-versions/" + v1 + "/diff/" + v3).then().statusCode(200).body("empty", is(true)).body("moved", hasSize(0));
        given().get("/api/model-versions/" + v2 + "/diff/" + v3).then().statusCode(200).body("empty", is(false));
        given().get("/api/projects/" + project).then().statusCode(200).body("versions.version", equalTo(java.util.List.of(1, 2, 3)));
        // the old versions are untouched
        given().get("/api/model-versions/" + v1).then().statusCode(200).body("version", is(1));
        given().get("/api/model-versions/" + v2).then().statusCode(200).body("version", is(2)).body("graph.name", equalTo("Blobs classifier"));
    }

    @Test
    void restoreOfAnUnknownVersionIs404() {
        given().post("/api/model-versions/999999/restore").then().statusCode(404).body("message", containsString("Model version 999999"));
    }

    @Test
    void graphExportIsTheGraphFormatAndImportsAsANewVersion() {
        long project = createProject("Export");
        long v1 = saveVersion(project, templateGraph("blobs"));
        given().get("/api/model-versions/" + v1 + "/graph").then().statusCode(200)
                .header("Content-Disposition", nullValue())
                .body("format", equalTo("netwright.graph")).body("nodes", hasSize(4));
        String json = given().get("/api/model-versions/" + v1 + "/graph?download=true").then().statusCode(200)
                .header("Content-Disposition", equalTo("attachment; filename=\"netwright-project-" + project + "-version-1.json\""))
                .extract().asString();
        long v2 = saveVersion(project, json);
        given().get("/api/model-versions/" + v1 + "/diff/" + v2).then().statusCode(200).body("empty", is(true));
        given().get("/api/model-versions/999999/graph").then().statusCode(404);
    }

    /** Input → an instance of block Stem (a Dense of {@code units}) → Output. */
    private static String withBlock(int units) {
        return """
                {"format": "netwright.graph", "version": 1, "name": "Blocky",
                 "nodes": [
                   {"id": "input", "type": "Input", "params": {"shape": [2]}, "position": {"x": 0, "y": 0}},
                   {"id": "block1", "type": "Block", "params": {"block": "Stem"}, "position": {"x": 260, "y": 0}},
                   {"id": "output", "type": "Output", "params": {"loss": "mse"}, "position": {"x": 520, "y": 0}}],
                 "edges": [
                   {"id": "e1", "from": {"node": "input", "port": "out"}, "to": {"node": "block1", "port": "in0"}},
                   {"id": "e2", "from": {"node": "block1", "port": "out"}, "to": {"node": "output", "port": "in"}}],
                 "blocks": [
                   {"name": "Stem", "description": null,
                    "nodes": [{"id": "dense1", "type": "Dense", "params": {"units": %d}, "position": {"x": 0, "y": 0}}],
                    "edges": [],
                    "inputs": [{"name": "in0", "node": "dense1", "port": "in"}],
                    "outputs": [{"name": "out", "node": "dense1", "port": "out"}]}]}
                """.formatted(units);
    }

    @Test
    void theDiffListsChangedBlockDefinitions() {
        long project = createProject("Block diff");
        long v1 = saveVersion(project, withBlock(4));
        long v2 = saveVersion(project, withBlock(8));
        given().get("/api/model-versions/" + v1 + "/diff/" + v2).then().statusCode(200)
                .body("empty", is(false))
                .body("changed", hasSize(0))
                .body("addedBlocks", hasSize(0)).body("removedBlocks", hasSize(0))
                .body("changedBlocks.name", equalTo(java.util.List.of("Stem")))
                .body("changedBlocks[0].inner.changed[0].nodeId", equalTo("dense1"))
                .body("changedBlocks[0].inner.changed[0].params[0].name", equalTo("units"))
                .body("changedBlocks[0].inner.changed[0].params[0].oldValue", is(4))
                .body("changedBlocks[0].inner.changed[0].params[0].newValue", is(8))
                .body("changedBlocks[0].ports", hasSize(0));
        given().get("/api/model-versions/" + v1 + "/diff/" + v1).then().statusCode(200).body("empty", is(true))
                .body("changedBlocks", hasSize(0));
    }
}
