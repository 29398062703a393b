package dev.netwright.ui;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.netwright.serving.ProtoModels;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.netwright.ui.Chromium.screenshot;
import static dev.netwright.ui.Chromium.screenshotFullPage;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The ONNX features of issue 7 in the browser: a finished blobs run shows the parity of its export (badge and numbers,
 * on the run page and the model page); the run's Export… dialog at opset 13 downloads a file ONNX Runtime loads and
 * whose ai.onnx opset import is 13; the versions page imports PyTorch's MLP sample ({@code netwright.onnx.samples.dir},
 * default ../shared/onnx-samples) as the next version, and refuses a PNG renamed .onnx and a model with an op that has no
 * layer (Sin) with the reason, storing nothing.
 */
@QuarkusTest
class OnnxUiWalkthroughTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TestHTTPResource("/")
    URL base;

    @TempDir
    Path dir;

    @Test
    void parityExportAndImport() throws Exception {
        Path samples = ModelPageWalkthroughTest.samplesDir();
        assumeTrue(Files.exists(samples.resolve("mlp.onnx")),
                "ONNX samples folder " + samples.toAbsolutePath().normalize() + " is absent; set -Dnetwright.onnx.samples.dir=...");
        long project = given().contentType(ContentType.JSON).body(Map.of("name", "ONNX walkthrough"))
                .post("/api/projects").then().statusCode(201).extract().jsonPath().getLong("id");
        String graph = given().get("/api/templates/blobs").then().statusCode(200).extract().asString();
        long version = given().contentType(ContentType.JSON).body(graph).post("/api/projects/" + project + "/models")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        long run = given().contentType(ContentType.JSON).body(Map.of("modelVersionId", version, "datasetId", "blobs",
                        "optimizer", "adam", "learningRate", 0.01, "epochs", 10, "batchSize", 32, "seed", 1))
                .post("/api/runs").then().statusCode(201).extract().jsonPath().getLong("id");
        long deadline = System.currentTimeMillis() + 60_000;
        JsonPath r;
        do {
            Thread.sleep(100);
            r = given().get("/api/runs/" + run).then().extract().jsonPath();
        } while (List.of("QUEUED", "RUNNING").contains(r.getString("status")) && System.currentTimeMillis() < deadline);
        assertEquals("FINISHED", r.getString("status"));
        long model = r.getLong("modelId");
        JsonPath parity = given().get("/api/models/" + model).then().statusCode(200).extract().jsonPath().setRootPath("parity");
        assertTrue(parity.getBoolean("ok"));
        int checked = parity.getInt("samples");

        chromium.walk("onnx-ui", 1440, 1000, page -> walkthrough(page, project, run, model, checked));
    }

    private void walkthrough(Page page, long project, long run, long model, int checked) throws Exception {
        Pattern proven = Pattern.compile("Exported model ≡ trained network: max \\|Δ\\| (0|\\d\\.\\de-\\d+), max rel (0|\\d\\.\\de-\\d+) over "
                + checked + " samples \\(tolerance 1e-4 \\+ 1e-3·\\|y\\|\\)");

        // 1. the run page's Trained model card: the parity badge with its numbers
        page.navigate(base + "runs/" + run);
        Locator parity = page.locator(".nw-outcome .nw-parity");
        assertThat(parity).hasAttribute("data-parity", "ok");
        assertThat(parity.locator(".nw-parity-badge")).hasText("ONNX ≡ trained");
        assertThat(parity.locator(".nw-parity-text")).hasText(proven);

        // 2. Export… at opset 13: the download is the opset-13 file and ONNX Runtime loads it
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Export…")).click();
        page.locator("vaadin-select.nw-export-opset").click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("13").setExact(true)).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Export").setExact(true)).click();
        Locator result = page.locator(".nw-export-result");
        assertThat(result.locator(".nw-parity")).hasAttribute("data-parity", "ok");
        Locator link = result.locator(".nw-export-download");
        assertThat(link).hasText("Download opset 13 ONNX");
        screenshot(page, "onnx-export-dialog.png");
        Download download = page.waitForDownload(link::click);
        byte[] onnx = Files.readAllBytes(download.path());
        ModelProto proto = ModelProto.parseFrom(onnx);
        int opset = proto.getOpsetImportList().stream().filter(o -> o.getDomain().isEmpty() || "ai.onnx".equals(o.getDomain()))
                .mapToInt(o -> (int) o.getVersion()).findFirst().orElse(-1);
        assertEquals(13, opset, proto.getOpsetImportList().stream().map(OperatorSetIdProto::toString).toList().toString());
        assertEquals(7, proto.getIrVersion());
        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(onnx, new OrtSession.SessionOptions())) {
            assertEquals(1, session.getInputNames().size());
        }
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Close").setExact(true)).click();
        assertThat(result).hasCount(0); // the dialog is gone before the page changes

        // 3. the model page shows the same proof
        page.navigate(base + "models/" + model);
        assertThat(page.locator(".nw-parity")).hasAttribute("data-parity", "ok");
        assertThat(page.locator(".nw-parity-text")).hasText(proven);

        // 4. the versions page: PyTorch's MLP imported as version 2, with its notes and a link to the editor
        page.navigate(base + "projects/" + project + "/versions");
        page.locator(".nw-onnx-upload input[type=file]").setInputFiles(ModelPageWalkthroughTest.samplesDir().resolve("mlp.onnx"));
        Locator message = page.locator(".nw-import-message");
        assertThat(message).containsText("Imported as version 2");
        assertThat(message.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Open in the editor"))).isVisible();
        assertThat(page.locator("vaadin-grid-cell-content").filter(new Locator.FilterOptions().setHasText(Pattern.compile("^Version 2$")))).hasCount(1);
        screenshotFullPage(page, "onnx-import.png");
        assertEquals(2, given().get("/api/projects/" + project).then().extract().jsonPath().getList("versions").size());

        // 5. a PNG renamed .onnx: the reason, and no version stored
        Path png = dir.resolve("picture.onnx");
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        page.locator(".nw-onnx-upload input[type=file]").setInputFiles(png);
        assertThat(page.locator(".nw-import-message.nw-import-failed")).containsText("picture.onnx: not an ONNX model: the file is a PNG image");
        assertEquals(2, given().get("/api/projects/" + project).then().extract().jsonPath().getList("versions").size());

        // 6. a model with an op that has no Netwright layer (Sin): the op and its node listed, no version stored
        GraphProto.Builder g = GraphProto.newBuilder()
                .addInput(ProtoModels.tensor("input", TensorProto.DataType.FLOAT_VALUE, "N", 4))
                .addOutput(ProtoModels.tensor("output", TensorProto.DataType.FLOAT_VALUE, "N", 4))
                .addNode(ProtoModels.node("Sin", "output", "input").toBuilder().setName("/act/Sin"));
        Path sin = dir.resolve("sin.onnx");
        Files.write(sin, ProtoModels.model(g).toByteArray());
        page.locator(".nw-onnx-upload input[type=file]").setInputFiles(sin);
        Locator refused = page.locator(".nw-import-message.nw-import-failed");
        assertThat(refused).containsText("sin.onnx cannot be imported into the editor");
        assertThat(refused.locator("li")).hasText(Pattern.compile("^op 'Sin' \\(node /act/Sin\\) has no Netwright layer.*"));
        screenshot(page, "onnx-import-refused.png");
        assertEquals(2, given().get("/api/projects/" + project).then().extract().jsonPath().getList("versions").size());
    }
}
