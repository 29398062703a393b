package dev.netwright.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.netwright.ui.Chromium.screenshotFullPage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The model pages in a real browser (Debian's chromium, driven by Playwright): a file that is not ONNX is refused with
 * the reason; PyTorch's MLP sample ({@code netwright.onnx.samples.dir}, default ../shared/onnx-samples) is uploaded,
 * its signature shown, its four inputs filled in and predicted, and the outputs equal PyTorch's; the LeNet sample gets
 * a digit drawn on the pad and answers 10 outputs; a batch prediction over shapes-28 runs with progress and its CSV
 * downloads. Screenshots land in target/screenshots/.
 */
@QuarkusTest
class ModelPageWalkthroughTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TestHTTPResource("/")
    URL base;

    @TempDir
    Path dir;

    static Path samplesDir() {
        return Path.of(System.getProperty("netwright.onnx.samples.dir", "../shared/onnx-samples"));
    }

    @Test
    void uploadSeeTryAndDraw() throws Exception {
        assumeTrue(Files.exists(samplesDir().resolve("mlp.json")) && Files.exists(samplesDir().resolve("lenet.onnx")),
                "ONNX samples folder " + samplesDir().toAbsolutePath().normalize() + " is absent; set -Dnetwright.onnx.samples.dir=...");
        chromium.walk("model-page", 1440, 1000, this::walkthrough);
    }

    private void walkthrough(Page page) throws Exception {
        // 1. the main navigation leads to the models page; a file that is not ONNX is refused with the reason
        page.navigate(base.toString());
        page.locator(".nw-nav").getByText("Models", new Locator.GetByTextOptions().setExact(true)).click();
        page.waitForURL(Pattern.compile(".*/models$"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Models"))).isVisible();
        Path notOnnx = dir.resolve("notes.onnx");
        Files.writeString(notOnnx, "these are notes, not a model");
        upload(page, notOnnx);
        assertThat(page.locator(".nw-form-error")).containsText(Pattern.compile("notes\\.onnx: .*ONNX"));

        // 2. the MLP sample: uploaded, its signature shown
        JsonNode sample = JSON.readTree(samplesDir().resolve("mlp.json").toFile());
        upload(page, samplesDir().resolve("mlp.onnx"));
        page.waitForURL(Pattern.compile(".*/models/\\d+$"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("mlp").setExact(true))).isVisible();
        Locator inputs = page.locator(".nw-signature-inputs");
        assertThat(inputs.locator(".nw-signature-name")).hasText("input");
        assertThat(inputs.locator(".nw-signature-shape")).hasText(Pattern.compile("^\\[\\w+, 4\\]$"));
        assertThat(inputs).containsText("float32");
        assertThat(page.locator(".nw-signature-outputs .nw-signature-shape")).hasText(Pattern.compile("^\\[\\w+, 3\\]$"));

        // 3. its first sample typed in and predicted: the outputs are PyTorch's, as bars (a softmax output)
        for (int i = 0; i < 4; i++) {
            page.getByLabel("input[" + i + "]").fill(sample.path("input").path("data").get(i).asText());
        }
        assertThat(page.locator(".nw-latency-numbers")).containsText("No predictions");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Predict").setExact(true)).click();
        Locator values = page.locator(".nw-output-value");
        assertThat(values).hasCount(3);
        List<String> expected = new ArrayList<>();
        for (int k = 0; k < 3; k++) expected.add(Formats.number((double) (float) sample.path("expected_output").path("data").get(k).asDouble()));
        assertEquals(expected, values.allTextContents());
        assertThat(page.locator(".nw-class-bar")).hasCount(3);
        assertThat(page.locator(".nw-class-best .nw-class-name")).hasText("class 2");
        assertThat(page.locator("[data-stat='p50']")).hasText(Pattern.compile("^[0-9.]+ ms$"));
        assertThat(page.locator("[data-stat='predictions']")).hasText("1");
        screenshotFullPage(page, "model-page-mlp.png");

        // 4. the list shows it
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Models").setExact(true)).first().click();
        page.waitForURL(Pattern.compile(".*/models$"));
        assertThat(page.locator("vaadin-grid-cell-content").filter(new Locator.FilterOptions().setHasText(Pattern.compile("^mlp$")))).hasCount(1);

        // 5. LeNet: a digit drawn on the pad gives 10 outputs
        upload(page, samplesDir().resolve("lenet.onnx"));
        page.waitForURL(Pattern.compile(".*/models/\\d+$"));
        Locator pad = page.locator("draw-pad canvas.pad");
        assertThat(pad).isVisible();
        BoundingBox box = pad.boundingBox();
        page.mouse().move(box.x + box.width * 0.5, box.y + box.height * 0.2);
        page.mouse().down();
        for (int s = 1; s <= 12; s++) page.mouse().move(box.x + box.width * 0.5, box.y + box.height * (0.2 + 0.05 * s));
        page.mouse().up();
        assertThat(values).hasCount(10);
        assertThat(page.locator(".nw-output-best")).containsText("Largest output: index");
        String ink = page.locator("draw-pad").getAttribute("data-ink");
        assertTrue(Integer.parseInt(ink) > 20, "cells with ink: " + ink);
        screenshotFullPage(page, "model-page-lenet.png");
        page.locator("draw-pad").getByText("Clear").click();
        assertThat(page.locator("draw-pad")).hasAttribute("data-ink", "0");
        assertThat(values).hasCount(0);

        // 6. batch prediction over shapes-28 (1,200 images of [1, 28, 28]): progress, then the CSV
        page.locator(".nw-model-batch vaadin-select").first().click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(Pattern.compile("^Shapes 28×28 · \\[1, 28, 28\\]"))).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start batch prediction")).click();
        Locator link = page.getByText("Download results (CSV)");
        assertThat(link).isVisible();
        assertThat(page.locator(".nw-model-batch-status span[data-status]")).hasText("Finished: 1,200 of 1,200 samples");
        Download download = page.waitForDownload(link::click);
        List<String> lines = Files.readAllLines(download.path());
        assertEquals(1201, lines.size());
        assertTrue(lines.getFirst().startsWith("index,target,output_0,"), lines.getFirst());
        assertThat(page.locator("[data-stat='predictions']")).hasText(Pattern.compile("^\\d+$"));
    }

    private static void upload(Page page, Path file) {
        page.locator(".nw-models-upload input[type=file]").setInputFiles(file);
    }
}
