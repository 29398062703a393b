package dev.netwright.api;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netwright.serving.ProtoModels;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.netwright.api.ApiTestSupport.awaitEnd;
import static dev.netwright.api.ApiTestSupport.createProject;
import static dev.netwright.api.ApiTestSupport.saveVersion;
import static dev.netwright.api.ApiTestSupport.startRun;
import static dev.netwright.api.ApiTestSupport.templateGraph;
import static dev.netwright.api.ApiTestSupport.xorRun;
import static dev.netwright.onnx.TestNets.assertClose;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 7 over HTTP: every run's export carries its parity check, a run's model is exported again with another opset
 * or without the scaling, and an ONNX file imported into a project becomes a version with weights that training
 * starts from (fine-tuning).
 */
@QuarkusTest
class OnnxExportImportApiTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Map<String, String> metadata(byte[] onnx) throws Exception {
        return ModelProto.parseFrom(onnx).getMetadataPropsList().stream()
                .collect(Collectors.toMap(StringStringEntryProto::getKey, StringStringEntryProto::getValue));
    }

    @Test
    void aRunsModelCarriesItsParityCheckAndExportsAgainWithOtherOptions() throws Exception {
        long project = createProject("parity");
        long version = saveVersion(project, templateGraph("xor"));
        Map<String, Object> body = new HashMap<>(xorRun(version));
        body.put("epochs", 50);
        body.put("scaling", "standardize");
        long run = startRun(body);
        assertEquals("FINISHED", awaitEnd(run, 60));
        JsonPath r = given().get("/api/runs/" + run).then().statusCode(200).extract().jsonPath();
        long model = r.getLong("modelId");
        assertFalse(String.valueOf(r.getString("note")).contains("WARNING"), r.getString("note"));

        given().get("/api/models/" + model).then().statusCode(200)
                .body("parity.ok", equalTo(true)).body("parity.samples", equalTo(4))
                .body("parity.maxAbs", lessThan(1e-4f)).body("parity.tolerance.abs", equalTo(1e-4f))
                .body("parity.tolerance.rel", equalTo(1e-3f))
                .body("signature.opset", equalTo(17)).body("signature.classLabels", equalTo(List.of("0", "1")));
        byte[] stored = given().get("/api/models/" + model + "/onnx").then().statusCode(200).extract().asByteArray();
        Map<String, String> meta = metadata(stored);
        assertEquals(String.valueOf(run), meta.get("netwright.run_id"));
        assertEquals(String.valueOf(version), meta.get("netwright.model_version_id"));
        assertEquals("true", meta.get("netwright.preprocessing.folded"));

        Response again = given().get("/api/runs/" + run + "/onnx?opset=13&foldPreprocessing=false").then().statusCode(200)
                .header("X-Netwright-Parity-Ok", "true").header("X-Netwright-Opset", "13")
                .header("X-Netwright-Parity-Samples", "4")
                .header("Content-Disposition", containsString("netwright-run-" + run + "-opset13-unscaled.onnx")).extract().response();
        ModelProto m = ModelProto.parseFrom(again.asByteArray());
        assertEquals(13, m.getOpsetImport(0).getVersion());
        assertEquals(7, m.getIrVersion());
        assertEquals("false", metadata(again.asByteArray()).get("netwright.preprocessing.folded"));
        assertEquals(meta.get("netwright.preprocessing.constants"), metadata(again.asByteArray()).get("netwright.preprocessing.constants"));
        assertTrue(m.getGraph().getNodeList().stream().noneMatch(n -> n.getName().startsWith("preprocess")), "no scaling nodes");
        assertTrue(Double.parseDouble(again.header("X-Netwright-Parity-Stored-Max-Abs")) < 1e-4, "the rebuilt network equals the stored model");

        given().get("/api/runs/" + run + "/onnx?opset=21").then().statusCode(200).header("X-Netwright-Parity-Ok", "true");
        given().get("/api/runs/" + run + "/onnx?opset=12").then().statusCode(400)
                .body("message", equalTo("opset must be in 13..21. Received: opset=12"));
        given().get("/api/runs/999999/onnx").then().statusCode(404);
    }

    @Test
    void anOpsetWithoutTheLayersOpIsRefusedNamingTheLayer() throws Exception {
        long project = createProject("layer norm");
        List<Map<String, Object>> nodes = List.of(
                node("in", "Input", Map.of("shape", List.of(2))), node("h", "Dense", Map.of("units", 4, "activation", "tanh")),
                node("ln", "LayerNorm", Map.of()), node("y", "Dense", Map.of("units", 1, "activation", "sigmoid")),
                node("out", "Output", Map.of("loss", "bce")));
        List<Map<String, Object>> edges = new ArrayList<>();
        for (int i = 1; i < nodes.size(); i++) {
            edges.add(Map.of("id", "e" + i, "from", Map.of("node", nodes.get(i - 1).get("id"), "port", "out"),
                    "to", Map.of("node", nodes.get(i).get("id"), "port", "in")));
        }
        long version = saveVersion(project, JSON.writeValueAsString(Map.of("format", "netwright.graph", "version", 1, "name", "ln",
                "nodes", nodes, "edges", edges)));
        Map<String, Object> body = new HashMap<>(xorRun(version));
        body.put("epochs", 5);
        long run = startRun(body);
        assertEquals("FINISHED", awaitEnd(run, 60));

        given().get("/api/runs/" + run + "/onnx?opset=16").then().statusCode(422)
                .body("message", containsString("layer 'ln' (LayerNorm) is written as the ONNX op LayerNormalization, which needs opset 17"))
                .body("problems[0].nodeId", equalTo("ln")).body("problems[0].code", equalTo("OPSET_TOO_LOW"));
        given().get("/api/runs/" + run + "/onnx?opset=17").then().statusCode(200).header("X-Netwright-Parity-Ok", "true");

        // a step activation exports as GreaterOrEqual + Cast, which does not import back; the run's model keeps the engine's
        // weights, so it exports again at another opset all the same
        long step = saveVersion(project, JSON.writeValueAsString(Map.of("format", "netwright.graph", "version", 1, "name", "step",
                "nodes", List.of(node("in", "Input", Map.of("shape", List.of(2))), node("s", "Dense", Map.of("units", 1, "activation", "step")),
                        node("out", "Output", Map.of("loss", "mse"))),
                "edges", List.of(Map.of("id", "e1", "from", Map.of("node", "in", "port", "out"), "to", Map.of("node", "s", "port", "in")),
                        Map.of("id", "e2", "from", Map.of("node", "s", "port", "out"), "to", Map.of("node", "out", "port", "in"))))));
        Map<String, Object> stepRun = new HashMap<>(xorRun(step));
        stepRun.put("epochs", 2);
        long sr = startRun(stepRun);
        assertEquals("FINISHED", awaitEnd(sr, 60));
        long stepModel = given().get("/api/runs/" + sr).then().extract().jsonPath().getLong("modelId");
        given().get("/api/models/" + stepModel).then().statusCode(200).body("parity.ok", equalTo(true));
        byte[] step13 = given().get("/api/runs/" + sr + "/onnx?opset=13").then().statusCode(200)
                .header("X-Netwright-Parity-Ok", "true").extract().asByteArray();
        assertEquals(13, ModelProto.parseFrom(step13).getOpsetImport(0).getVersion());
    }

    private static Map<String, Object> node(String id, String type, Map<String, Object> params) {
        return Map.of("id", id, "type", type, "params", params);
    }

    // ***** import into a project *****

    static void assumeSamples() {
        assumeTrue(Files.exists(ProtoModels.samplesDir().resolve("mlp.json")),
                "ONNX samples folder " + ProtoModels.samplesDir().toAbsolutePath().normalize() + " is absent");
    }

    /** 30 rows of 4 features and a class a, b or c: a data set the mlp sample ([N, 4] → 3 classes) fits. */
    private String fourFeatureDataset(long project) throws Exception {
        StringBuilder csv = new StringBuilder("f1,f2,f3,f4,label\n");
        for (int i = 0; i < 30; i++) {
            csv.append(String.format(Locale.ROOT, "%.2f,%.2f,%.2f,%.2f,%s%n", Math.sin(i), Math.cos(i), i % 5 * 0.3, -i * 0.05,
                    "abc".charAt(i % 3)));
        }
        Path file = dir.resolve("four.csv");
        Files.writeString(file, csv);
        return given().multiPart("file", file.toFile()).post("/api/projects/" + project + "/datasets").then().statusCode(201)
                .extract().jsonPath().getString("id");
    }

    private static List<List<Float>> predict(long model, float[][] rows) {
        return given().contentType(ContentType.JSON).body(Map.of("inputs", rows)).post("/api/models/" + model + "/predict")
                .then().statusCode(200).extract().jsonPath().getList("outputs");
    }

    private static float[] flat(List<List<Float>> rows) {
        List<Float> all = rows.stream().flatMap(List::stream).toList();
        float[] f = new float[all.size()];
        for (int i = 0; i < f.length; i++) f[i] = ((Number) all.get(i)).floatValue();
        return f;
    }

    private static long trainOneEpoch(long version, String dataset) throws InterruptedException {
        long run = startRun(Map.of("modelVersionId", version, "datasetId", dataset, "optimizer", "sgd", "learningRate", 1e-9,
                "epochs", 1, "batchSize", 8, "seed", 5));
        assertEquals("FINISHED", awaitEnd(run, 60));
        return given().get("/api/runs/" + run).then().statusCode(200).extract().jsonPath().getLong("modelId");
    }

    @Test
    void anImportedModelIsFineTunedFromItsWeights() throws Exception {
        assumeSamples();
        JsonNode c = JSON.readTree(ProtoModels.samplesDir().resolve("mlp.json").toFile());
        byte[] onnx = ProtoModels.sample("mlp.onnx");
        long project = createProject("fine-tune");

        JsonPath imported = given().contentType("application/octet-stream").queryParam("name", "pytorch mlp").body(onnx)
                .post("/api/projects/" + project + "/models/import").then().statusCode(201)
                .header("Location", containsString("/api/model-versions/")).extract().jsonPath();
        long version = imported.getLong("modelVersionId");
        assertEquals(1, imported.getInt("version"));
        assertEquals("pytorch mlp", imported.getString("name"));
        assertTrue(imported.getList("notes", String.class).stream().anyMatch(n -> n.contains("Softmax")), imported.getString("notes"));
        assertEquals(List.of(), imported.getList("problems"));
        JsonPath v = given().get("/api/model-versions/" + version).then().statusCode(200).body("hasWeights", equalTo(true)).extract().jsonPath();

        // the same design without weights, for comparison
        String graph = JSON.writeValueAsString(JSON.readTree(given().get("/api/model-versions/" + version).asString()).get("graph"));
        long fresh = saveVersion(project, graph);
        given().get("/api/model-versions/" + fresh).then().statusCode(200).body("hasWeights", equalTo(false));
        assertEquals("Dense", v.getString("graph.nodes[1].type"));

        String dataset = fourFeatureDataset(project);
        float[] x = JSON.treeToValue(c.path("input").path("data"), float[].class);
        float[][] rows = new float[x.length / 4][];
        for (int i = 0; i < rows.length; i++) rows[i] = java.util.Arrays.copyOfRange(x, 4 * i, 4 * i + 4);
        float[] expected = JSON.treeToValue(c.path("expected_output").path("data"), float[].class);

        // learning rate 1e-9: one epoch moves no weight measurably, so the run's model predicts what the file does
        float[] tuned = flat(predict(trainOneEpoch(version, dataset), rows));
        assertClose(expected, tuned, 1e-4, 1e-3, "fine-tuned from the imported weights vs PyTorch");
        float[] scratch = flat(predict(trainOneEpoch(fresh, dataset), rows));
        double far = 0;
        for (int i = 0; i < expected.length; i++) far = Math.max(far, Math.abs(expected[i] - scratch[i]));
        assertTrue(far > 0.01, "a version without weights starts from its own initialisation: max diff " + far);
    }

    @Test
    void importsAsMultipartAndRefusesWhatItCannotImport() throws Exception {
        assumeSamples();
        long project = createProject("imports");
        given().multiPart("file", "lenet.onnx", ProtoModels.sample("lenet.onnx")).multiPart("name", "LeNet")
                .post("/api/projects/" + project + "/models/import").then().statusCode(201)
                .body("name", equalTo("LeNet")).body("version", equalTo(1));

        given().contentType("application/octet-stream").body(new byte[]{(byte) 0x89, 'P', 'N', 'G', 1, 2, 3, 4})
                .post("/api/projects/" + project + "/models/import").then().statusCode(400)
                .body("message", equalTo("not an ONNX model: the file is a PNG image"));

        // Sin has no Netwright layer: 422 naming the op and its node; ONNX Runtime could still serve the model
        GraphProto.Builder g = GraphProto.newBuilder()
                .addInput(ProtoModels.tensor("input", TensorProto.DataType.FLOAT_VALUE, "N", 4))
                .addOutput(ProtoModels.tensor("output", TensorProto.DataType.FLOAT_VALUE, "N", 4))
                .addNode(ProtoModels.node("Sin", "output", "input").toBuilder().setName("/act/Sin"));
        given().contentType("application/octet-stream").body(ProtoModels.model(g).toByteArray())
                .post("/api/projects/" + project + "/models/import").then().statusCode(422)
                .body("message", containsString("op 'Sin' (node /act/Sin) has no Netwright layer"))
                .body("problems[0].code", equalTo("UNSUPPORTED_ONNX_OP")).body("problems[0].nodeId", equalTo("/act/Sin"))
                .body("problems[0].message", containsString("op 'Sin' (node /act/Sin)"));

        given().get("/api/projects/" + project).then().statusCode(200).body("versions.size()", equalTo(1));
        given().contentType("application/octet-stream").body(ProtoModels.sample("mlp.onnx"))
                .post("/api/projects/999999/models/import").then().statusCode(404);
    }
}
