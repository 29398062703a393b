package dev.netwright.api;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netwright.serving.ProtoModels;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The model registry over HTTP: uploads (checked, sized), signatures, stages, deletion, and predictions validated
 * against the signature. The PyTorch samples ({@code netwright.onnx.samples.dir}, default ../shared/onnx-samples) are
 * uploaded and must reproduce PyTorch's output. The upload limit is lowered to 1 MiB here.
 */
@QuarkusTest
@TestProfile(ModelRegistryApiTest.SmallModelLimit.class)
class ModelRegistryApiTest {
    public static class SmallModelLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("netwright.models.max-upload-size", "1M");
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/models")
    URI modelsUri;

    @TempDir
    Path dir;

    static void assumeSamples() {
        assumeTrue(Files.exists(ProtoModels.samplesDir().resolve("mlp.json")),
                "ONNX samples folder " + ProtoModels.samplesDir().toAbsolutePath().normalize() + " is absent; set -Dnetwright.onnx.samples.dir=...");
    }

    static JsonPath upload(byte[] onnx, String name) {
        var request = given().contentType("application/octet-stream").body(onnx);
        if (name != null) request.queryParam("name", name);
        return request.post("/api/models").then().statusCode(201).header("Location", containsString("/api/models/")).extract().jsonPath();
    }

    static int modelCount() {
        return given().get("/api/models").then().statusCode(200).extract().jsonPath().getList("").size();
    }

    static float[] floats(List<?> values) {
        float[] f = new float[values.size()];
        for (int i = 0; i < f.length; i++) f[i] = ((Number) values.get(i)).floatValue();
        return f;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @TestFactory
    Stream<DynamicTest> pyTorchSamplesUploadAndReproducePyTorch() throws IOException {
        assumeSamples();
        List<Path> cases;
        try (Stream<Path> files = Files.list(ProtoModels.samplesDir())) {
            cases = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(cases.size() >= 5, "samples: " + cases);
        return cases.stream().map(json -> DynamicTest.dynamicTest(json.getFileName().toString(), () -> uploadAndPredict(json)));
    }

    void uploadAndPredict(Path jsonFile) throws Exception {
        JsonNode c = JSON.readTree(jsonFile.toFile());
        byte[] onnx = Files.readAllBytes(jsonFile.resolveSibling(c.path("model").asText()));
        String name = "sample-" + c.path("model").asText();
        JsonPath m = upload(onnx, name);
        long id = m.getLong("id");
        assertEquals(name, m.getString("name"));
        assertEquals("upload", m.getString("source"));
        assertEquals("draft", m.getString("stage"));
        assertEquals(onnx.length, m.getLong("sizeBytes"));
        assertEquals(sha256(onnx), m.getString("sha256"));
        String inputName = c.path("input_name").asText();
        assertEquals(List.of(inputName), m.getList("signature.inputs.name"));
        assertEquals(-1, m.getInt("signature.inputs[0].shape[0]"), "dynamic batch");
        assertNotNull(m.getString("signature.inputs[0].dimNames[0]"), "the batch dimension is symbolic");
        assertEquals("float32", m.getString("signature.inputs[0].elementType"));
        assertEquals(c.path("output_name").asText(), m.getString("signature.outputs[0].name"));
        assertEquals(c.path("opset").asInt(), m.getInt("signature.opset"));
        assertEquals(c.path("producer").asText().split(" ")[0], m.getString("signature.producer").split(" ")[0]);
        given().get("/api/models/" + id).then().statusCode(200).body("name", equalTo(name))
                .body("signature.inputs[0].name", equalTo(inputName));

        ObjectNode body = JSON.createObjectNode();
        body.putObject("inputs").set(inputName, c.path("input"));
        JsonPath p = given().contentType(ContentType.JSON).body(JSON.writeValueAsString(body))
                .post("/api/models/" + id + "/predict").then().statusCode(200).extract().jsonPath();
        String out = "outputs." + c.path("output_name").asText();
        List<Integer> shape = p.getList(out + ".shape", Integer.class);
        assertEquals(JSON.convertValue(c.path("expected_output").path("shape"), List.class), shape);
        float[] expected = new float[c.path("expected_output").path("data").size()];
        for (int i = 0; i < expected.length; i++) expected[i] = (float) c.path("expected_output").path("data").get(i).asDouble();
        assertClose(expected, floats(p.getList(out + ".data")), c.path("tolerance").path("atol").asDouble(1e-5),
                c.path("tolerance").path("rtol").asDouble(1e-4), jsonFile.getFileName().toString());
    }

    @Test
    void multipartUploadTakesTheFileNameOrTheNameField() throws Exception {
        assumeSamples();
        Path file = dir.resolve("iris-mlp.onnx");
        Files.write(file, ProtoModels.sample("mlp.onnx"));
        given().multiPart("file", file.toFile(), "application/octet-stream").post("/api/models").then().statusCode(201)
                .body("name", equalTo("iris-mlp")).body("source", equalTo("upload")).body("runId", nullValue())
                .body("signature.inputs[0].shape", equalTo(List.of(-1, 4)));
        given().multiPart("file", file.toFile(), "application/octet-stream").multiPart("name", "named by field")
                .post("/api/models").then().statusCode(201).body("name", equalTo("named by field"));
        long unnamed = upload(ProtoModels.sample("mlp.onnx"), null).getLong("id");
        given().get("/api/models/" + unnamed).then().body("name", equalTo("upload-" + unnamed));
        given().multiPart("name", "no file").post("/api/models").then().statusCode(400)
                .body("message", containsString("multipart field 'file'"));
    }

    @Test
    void rowsAndNamedTensorsGiveTheSameAnswer() {
        assumeSamples();
        long id = upload(ProtoModels.sample("mlp.onnx"), "rows-vs-named").getLong("id");
        float[][] rows = {{0.1f, 0.2f, 0.3f, 0.4f}, {-1, 0, 1, 2}};
        JsonPath r = given().contentType(ContentType.JSON).body(Map.of("inputs", rows))
                .post("/api/models/" + id + "/predict").then().statusCode(200).extract().jsonPath();
        Map<String, Object> named = Map.of("inputs", Map.of("input", Map.of("shape", List.of(2, 4),
                "data", List.of(0.1f, 0.2f, 0.3f, 0.4f, -1, 0, 1, 2))));
        JsonPath n = given().contentType(ContentType.JSON).body(named)
                .post("/api/models/" + id + "/predict").then().statusCode(200)
                .body("outputs.output.shape", equalTo(List.of(2, 3))).extract().jsonPath();
        float[] flat = floats(n.getList("outputs.output.data"));
        assertArrayEquals(Arrays.copyOfRange(flat, 0, 3), floats(r.getList("outputs[0]")));
        assertArrayEquals(Arrays.copyOfRange(flat, 3, 6), floats(r.getList("outputs[1]")));
        given().contentType(ContentType.JSON).body(Map.of("inputs", new float[][]{{1, 2, 3}}))
                .post("/api/models/" + id + "/predict").then().statusCode(400)
                .body("message", equalTo("expected input of shape [batch, 4], got [batch, 3]"));
    }

    @Test
    void namedInputsAreCheckedAgainstTheSignature() {
        assumeSamples();
        long id = upload(ProtoModels.sample("lenet.onnx"), "lenet-checks").getLong("id");
        String predict = "/api/models/" + id + "/predict";
        given().contentType(ContentType.JSON).body(named("input", List.of(2, 784), new float[2 * 784])).post(predict)
                .then().statusCode(400).body("message", equalTo("input 'input' expects shape [batch, 1, 28, 28], got [2, 784]"));
        given().contentType(ContentType.JSON).body(named("image", List.of(1, 1, 28, 28), new float[784])).post(predict)
                .then().statusCode(400).body("message", equalTo("unknown input 'image'; the model's inputs are ['input']"));
        given().contentType(ContentType.JSON).body(Map.of("inputs", Map.of())).post(predict)
                .then().statusCode(400).body("message", equalTo("missing input ['input']; the model's inputs are ['input']"));
        given().contentType(ContentType.JSON).body(named("input", List.of(1, 1, 28, 28), new float[783])).post(predict)
                .then().statusCode(400).body("message", equalTo("input 'input' has shape [1, 1, 28, 28], which holds 784 values; got 783"));
        given().contentType(ContentType.JSON).body("{\"inputs\": {\"input\": {\"shape\": [1, 2], \"data\": [1, \"x\"]}}}").post(predict)
                .then().statusCode(400).body("message", equalTo("input 'input': data[1] is \"x\"; data is a flat array of numbers, row-major"));
        given().contentType(ContentType.JSON).body("{\"inputs\": {\"input\": {\"shape\": [1, -2], \"data\": []}}}").post(predict)
                .then().statusCode(400).body("message", containsString("shape[1] is -2"));
        given().contentType(ContentType.JSON).body(Map.of("inputs", Map.of("input", List.of(1, 2)))).post(predict)
                .then().statusCode(400).body("message", startsWith("input 'input' must be an object"));
        given().contentType(ContentType.JSON).body(Map.of("inputs", new float[][]{{1, 2}})).post(predict)
                .then().statusCode(400).body("message", containsString("send it as a named tensor"));
        given().contentType(ContentType.JSON).body(named("input", List.of(1, 1, 28, 28), new float[784]))
                .post("/api/models/987654/predict").then().statusCode(404);
        given().contentType(ContentType.JSON).body(named("input", List.of(1, 1, 28, 28), new float[784])).post(predict)
                .then().statusCode(200).body("outputs.output.shape", equalTo(List.of(1, 10)));
    }

    static Map<String, Object> named(String input, List<Integer> shape, float[] data) {
        return Map.of("inputs", Map.of(input, Map.of("shape", shape, "data", data)));
    }

    @Test
    void whatIsNoServableModelIs400AndNothingIsStored() throws Exception {
        assumeSamples();
        byte[] mlp = ProtoModels.sample("mlp.onnx");
        ModelProto proto = ModelProto.parseFrom(mlp);
        int before = modelCount();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1};
        Map<byte[], String> bad = new java.util.LinkedHashMap<>();
        bad.put(new byte[0], "not an ONNX model: the file is empty");
        bad.put(Arrays.copyOf(mlp, mlp.length / 2), "not an ONNX model: While parsing a protocol message");
        bad.put(png, "not an ONNX model: the file is a PNG image");
        bad.put("{\"not\": \"onnx\"}".getBytes(), "not an ONNX model: ");
        bad.put(proto.toBuilder().setIrVersion(14).build().toByteArray(), "IR version 14 is not supported");
        bad.put(proto.toBuilder().setOpsetImport(0, OperatorSetIdProto.newBuilder().setDomain("").setVersion(30)).build().toByteArray(),
                "opset ai.onnx 30 is not supported");
        for (var e : bad.entrySet()) {
            given().contentType("application/octet-stream").body(e.getKey()).post("/api/models").then().statusCode(400)
                    .body("status", equalTo(400)).body("message", startsWith(e.getValue()));
        }
        given().contentType("application/octet-stream").body(ProtoModels.unknownOp().toByteArray()).post("/api/models").then()
                .statusCode(400).body("message", startsWith("ONNX Runtime ")).body("message", containsString("cannot load the model: "))
                .body("message", containsString("NoSuchOp"));
        Path png2 = dir.resolve("cat.png");
        Files.write(png2, png);
        given().multiPart("file", png2.toFile(), "image/png").post("/api/models").then().statusCode(400)
                .body("message", equalTo("not an ONNX model: the file is a PNG image"));
        assertEquals(before, modelCount(), "nothing was registered");
    }

    @Test
    void oversizedUploadsAre413WithTheLimit() throws Exception {
        byte[] big = new byte[1_200_000];
        Arrays.fill(big, (byte) 7);
        int before = modelCount();
        given().contentType("application/octet-stream").body(big).post("/api/models").then().statusCode(413)
                .body("message", containsString("the limit is 1.0 MiB (netwright.models.max-upload-size)"))
                .body("message", containsString("Nothing was stored"));
        Path file = dir.resolve("big.onnx");
        Files.write(file, big);
        given().multiPart("file", file.toFile(), "application/octet-stream").post("/api/models").then().statusCode(413)
                .body("message", containsString("netwright.models.max-upload-size"));

        // without a Content-Length (chunked): counted while read
        HttpRequest chunked = HttpRequest.newBuilder(modelsUri).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> r = client.send(chunked, HttpResponse.BodyHandlers.ofString());
            assertEquals(413, r.statusCode(), r.body());
            assertTrue(r.body().contains("larger than 1.0 MiB") && r.body().contains("netwright.models.max-upload-size"), r.body());
        }
        assertEquals(before, modelCount(), "nothing was registered");
    }

    @Test
    void oneProductionModelPerName() {
        assumeSamples();
        byte[] mlp = ProtoModels.sample("mlp.onnx");
        long a = upload(mlp, "churn").getLong("id");
        long b = upload(mlp, "churn").getLong("id");
        long other = upload(mlp, "churn-other").getLong("id");
        stage(other, "production").statusCode(200);
        stage(a, "production").statusCode(200).body("stage", equalTo("production"));
        stage(b, "staging").statusCode(200).body("stage", equalTo("staging"));
        stage(b, "Production").statusCode(200).body("stage", equalTo("production"));
        given().get("/api/models/" + a).then().body("stage", equalTo("staging"));
        given().get("/api/models?name=churn&stage=production").then().statusCode(200)
                .body("", hasSize(1)).body("[0].id", equalTo((int) b));
        given().get("/api/models?name=churn").then().body("", hasSize(2));
        given().get("/api/models/" + other).then().body("stage", equalTo("production")); // another name is untouched
        stage(b, "draft").statusCode(200).body("stage", equalTo("draft"));
        given().get("/api/models?name=churn&stage=production").then().body("", hasSize(0));

        stage(a, "prod").statusCode(400).body("message", equalTo("Unknown stage 'prod'; expected one of [draft, staging, production]"));
        given().contentType(ContentType.JSON).body("{}").put("/api/models/" + a + "/stage").then().statusCode(400);
        given().get("/api/models?stage=live").then().statusCode(400);
        stage(987654, "staging").statusCode(404);
    }

    static io.restassured.response.ValidatableResponse stage(long id, String stage) {
        return given().contentType(ContentType.JSON).body(Map.of("stage", stage)).put("/api/models/" + id + "/stage").then();
    }

    @Test
    void uploadsCanBeDeletedRunModelsStayWithTheirRun() throws Exception {
        assumeSamples();
        long id = upload(ProtoModels.sample("mlp.onnx"), "to delete").getLong("id");
        given().contentType(ContentType.JSON).body(Map.of("inputs", new float[][]{{1, 2, 3, 4}}))
                .post("/api/models/" + id + "/predict").then().statusCode(200);
        given().delete("/api/models/" + id).then().statusCode(204);
        given().get("/api/models/" + id).then().statusCode(404);
        given().get("/api/models/" + id + "/onnx").then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("inputs", new float[][]{{1, 2, 3, 4}}))
                .post("/api/models/" + id + "/predict").then().statusCode(404);
        given().delete("/api/models/" + id).then().statusCode(404);

        // a run's model: registered without a name or signature by training; the registry fills both on read
        long version = saveVersion(createProject("Registry XOR"), templateGraph("xor"));
        Map<String, Object> body = new HashMap<>(xorRun(version));
        body.put("epochs", 5);
        long run = startRun(body);
        assertEquals("FINISHED", awaitEnd(run, 60));
        long model = given().get("/api/runs/" + run).then().extract().jsonPath().getLong("modelId");
        JsonPath m = given().get("/api/models/" + model).then().statusCode(200)
                .body("source", equalTo("run")).body("runId", equalTo((int) run)).body("name", equalTo("Registry XOR"))
                .body("stage", equalTo("draft")).body("signature.inputs[0].name", equalTo("input"))
                .body("signature.inputs[0].shape", equalTo(List.of(-1, 2))).body("signature.inputs[0].dimNames[0]", equalTo("N"))
                .body("signature.producer", startsWith("netwright")).extract().jsonPath();
        byte[] onnx = given().get("/api/models/" + model + "/onnx").then().statusCode(200).extract().asByteArray();
        assertEquals(onnx.length, m.getLong("sizeBytes"));
        assertEquals(sha256(onnx), m.getString("sha256"));
        assertTrue(given().get("/api/models").then().extract().jsonPath().getList("id", Long.class).contains(model));
        given().delete("/api/models/" + model).then().statusCode(409)
                .body("message", equalTo("Model " + model + " was trained by run " + run + " and stays with it; only uploaded models can be deleted"));
        given().contentType(ContentType.JSON).body(named("input", List.of(1, 2), new float[]{0, 1}))
                .post("/api/models/" + model + "/predict").then().statusCode(200).body("outputs.output.shape", equalTo(List.of(1, 1)));
    }
}
