package dev.netwright.api;

import dev.netwright.serving.ProtoModels;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.netwright.api.ApiTestSupport.createProject;
import static dev.netwright.api.ApiTestSupport.saveVersion;
import static dev.netwright.api.ApiTestSupport.templateGraph;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/** Restore and export of saved versions, and who saved them (the X-Netwright-Author header). */
@QuarkusTest
class VersionApiTest {
    private static final String AUTHOR = "X-Netwright-Author";

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

    // ***** authors *****

    private static io.restassured.response.ValidatableResponse post(long project, String graph, String author) {
        var request = given().contentType(ContentType.JSON).body(graph);
        if (author != null) request.header(AUTHOR, author);
        return request.post("/api/projects/" + project + "/models").then();
    }

    @Test
    void theAuthorHeaderSignsSavedAndRestoredVersions() {
        long project = createProject("Authors");
        String xor = templateGraph("xor");
        long v1 = post(project, xor, "  Ada Lovelace ").statusCode(201).body("author", equalTo("Ada Lovelace"))
                .extract().jsonPath().getLong("id");
        post(project, xor, "Zo%C3%AB 100%25 C++").statusCode(201).body("author", equalTo("Zoë 100% C++"));
        given().get("/api/model-versions/" + v1).then().statusCode(200).body("author", equalTo("Ada Lovelace"));

        given().header(AUTHOR, "Grace Hopper").post("/api/model-versions/" + v1 + "/restore").then().statusCode(201)
                .body("version", is(3)).body("author", equalTo("Grace Hopper"));
        given().get("/api/projects/" + project).then().statusCode(200)
                .body("versions.author", equalTo(List.of("Ada Lovelace", "Zoë 100% C++", "Grace Hopper")));
    }

    @Test
    void withoutTheHeaderTheDefaultAuthorSigns() {
        String osUser = System.getProperty("user.name").strip(); // netwright.default-author is not set in the tests
        long project = createProject("Default author");
        long v1 = post(project, templateGraph("xor"), null).statusCode(201).body("author", equalTo(osUser))
                .extract().jsonPath().getLong("id");
        post(project, templateGraph("xor"), "   ").statusCode(201).body("author", equalTo(osUser));
        given().post("/api/model-versions/" + v1 + "/restore").then().statusCode(201).body("author", equalTo(osUser));
        given().get("/api/projects/" + project).then().statusCode(200).body("versions.author", equalTo(List.of(osUser, osUser, osUser)));
    }

    @Test
    void aBadAuthorIs400AndSavesNothing() {
        long project = createProject("Bad authors");
        String xor = templateGraph("xor");
        long v1 = saveVersion(project, xor);

        post(project, xor, "a".repeat(101)).statusCode(400)
                .body("message", equalTo("author must be at most 100 characters. Received: 101 characters"));
        post(project, xor, "Ada%0ALovelace").statusCode(400)
                .body("message", equalTo("author must not contain control characters or line breaks. Received: U+000A at position 4"));
        post(project, xor, "Ada\tLovelace").statusCode(400).body("message", containsString("U+0009 at position 4"));
        post(project, xor, "50%").statusCode(400).body("message", containsString("write a literal % as %25"));
        post(project, xor, "%FF").statusCode(400).body("message", containsString("not UTF-8"));
        given().header(AUTHOR, "b".repeat(200)).post("/api/model-versions/" + v1 + "/restore").then().statusCode(400)
                .body("message", containsString("at most 100 characters"));
        post(project, xor, "c".repeat(100)).statusCode(201).body("author", equalTo("c".repeat(100)));

        // only the first and the last (100 characters is the limit) were saved
        given().get("/api/projects/" + project).then().statusCode(200).body("versions.version", equalTo(List.of(1, 2)));
    }

    @Test
    void anOnnxImportIsSignedByTheHeader() {
        OnnxExportImportApiTest.assumeSamples();
        long project = createProject("Imported by");
        byte[] onnx = ProtoModels.sample("mlp.onnx");
        given().contentType("application/octet-stream").header(AUTHOR, "Linus").body(onnx)
                .post("/api/projects/" + project + "/models/import").then().statusCode(201)
                .body("version", is(1)).body("author", equalTo("Linus"));
        given().multiPart("file", "mlp.onnx", onnx).header(AUTHOR, "Margaret")
                .post("/api/projects/" + project + "/models/import").then().statusCode(201)
                .body("version", is(2)).body("author", equalTo("Margaret"));
        given().contentType("application/octet-stream").header(AUTHOR, "x%07").body(onnx)
                .post("/api/projects/" + project + "/models/import").then().statusCode(400)
                .body("message", containsString("control characters"));
        given().get("/api/projects/" + project).then().statusCode(200).body("versions.author", equalTo(List.of("Linus", "Margaret")));
    }
}
