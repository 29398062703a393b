package dev.netwright.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.netwright.ui.Chromium.screenshot;
import static dev.netwright.ui.Chromium.screenshotFullPage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URL;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The XOR story in a real browser (Debian's chromium, driven by Playwright; no browser is downloaded):
 * create a project, load the XOR template, see the shapes on the edges, train, watch the chart grow without
 * a page load, reach 100 % accuracy, download the model and check it is an ONNX protobuf.
 * Screenshots land in target/screenshots/.
 */
@QuarkusTest
class XorWalkthroughTest {
    private static final Logger LOG = Logger.getLogger(XorWalkthroughTest.class);

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TestHTTPResource("/")
    URL base;

    @Test
    void designTrainAndExportXor() throws Exception {
        chromium.walk("xor-walkthrough", 1440, 900, this::walkthrough);
    }

    private void walkthrough(Page page) throws Exception {
        // 1. a new project opens the editor with an Input and an Output
        page.navigate(base.toString());
        page.getByLabel("Project name").fill("XOR walkthrough");
        page.getByLabel("Description").fill("Created by the browser test");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create project")).click();
        page.waitForURL(Pattern.compile(".*/projects/\\d+$"));
        Locator nodes = page.locator("network-canvas .drawflow-node");
        assertThat(nodes).hasCount(2);

        // 2. the XOR template: four layers, the tensor shape on every edge, the training form pre-filled
        page.locator("vaadin-select").filter(new Locator.FilterOptions().setHasText("Start from")).click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("XOR").setExact(true)).click();
        assertThat(nodes).hasCount(4);
        for (String shape : List.of("[2]", "[4]", "[1]")) {
            assertThat(page.locator(".nw-edge-label").filter(new Locator.FilterOptions().setHasText(shape)).first()).isVisible();
        }
        assertThat(nodes.filter(new Locator.FilterOptions().setHasText("4 · tanh"))).hasCount(1);
        assertThat(page.locator(".nw-validity")).hasText("✓ Ready to train");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Optimizer Adam"))).isVisible();
        assertThat(page.getByLabel("Learning rate", new Page.GetByLabelOptions().setExact(true))).hasValue("0.05");
        assertThat(page.getByLabel("Epochs", new Page.GetByLabelOptions().setExact(true))).hasValue("300");
        assertThat(page.getByLabel("Batch size")).hasValue("4");
        screenshot(page, "xor-editor.png");

        // 3. train; mark the page so that a reload would be noticed
        page.evaluate("() => { window.__netwrightNoReload = true; }");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Train").setExact(true)).click();
        page.waitForURL(Pattern.compile(".*/runs/\\d+$"));
        Locator chart = page.locator("training-chart");
        Locator status = page.locator(".nw-status");
        List<String> samples = new ArrayList<>();
        int maxWhileRunning = 0;
        boolean grewWhileRunning = false;
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            String s = status.textContent();
            int points = points(chart);
            samples.add(s + ":" + points);
            if ("RUNNING".equals(s) || "QUEUED".equals(s)) {
                grewWhileRunning |= maxWhileRunning > 0 && points > maxWhileRunning;
                maxWhileRunning = Math.max(maxWhileRunning, points);
            } else if (!s.isBlank()) {
                break;
            }
            page.waitForTimeout(40);
        }
        LOG.infof("chart points by status while training: %s (grew while running: %s)", samples, grewWhileRunning);

        // 4. the run ends with every epoch on the chart, no page load, 100 % accuracy
        assertThat(status).hasText("FINISHED", new LocatorAssertions.HasTextOptions().setTimeout(60_000));
        assertThat(chart).hasAttribute("data-points", "300");
        assertTrue(points(chart) > 1, "the chart should show more than one point");
        assertEquals(Boolean.TRUE, page.evaluate("() => window.__netwrightNoReload === true"), "the run page must update without a reload");
        assertThat(page.locator(".nw-run-numbers")).containsText("epoch 300");
        assertThat(page.locator(".nw-result-main")).hasText("Final accuracy: 100.0%");

        // 5. try the model
        page.getByLabel("Input", new Page.GetByLabelOptions().setExact(true)).fill("1, 0");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Predict")).click();
        assertThat(page.locator(".nw-try-output")).containsText("class 1");

        // 6. the download is an ONNX model with an input
        Download download = page.waitForDownload(() -> page.getByText("Download ONNX").click());
        byte[] bytes = Files.readAllBytes(download.path());
        assertTrue(bytes.length > 0, "the ONNX file is empty");
        OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(bytes);
        assertTrue(model.getGraph().getInputCount() > 0, "the ONNX graph has no input");
        assertTrue(model.getGraph().getNodeCount() > 0, "the ONNX graph has no node");

        // the app layout scrolls inside the page, so make the window tall enough for the whole run page
        page.setViewportSize(1440, 1250);
        screenshotFullPage(page, "xor-walkthrough.png");
    }

    /**
     * Seeds AR6: the template with the lecture notes' exact XOR weights. Saved, the version keeps them; its run starts
     * from them, so it ends with loss 0 and 100 % accuracy after its 10 epochs (every gradient is 0 there).
     */
    @Test
    void theSeedsExactWeightsSolveXorFromTheStart() throws Exception {
        chromium.walk("xor-seed", 1440, 900, page -> {
            page.navigate(base.toString());
            page.getByLabel("Project name").fill("Seed XOR walkthrough");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create project")).click();
            page.waitForURL(Pattern.compile(".*/projects/\\d+$"));
            page.locator("vaadin-select").filter(new Locator.FilterOptions().setHasText("Start from")).click();
            page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("XOR (the seed's exact weights)")).click();
            Locator nodes = page.locator("network-canvas .drawflow-node");
            assertThat(nodes).hasCount(4);
            assertThat(nodes.filter(new Locator.FilterOptions().setHasText("2 · relu"))).hasCount(1);
            assertThat(page.getByText("template weights not saved yet")).isVisible();
            // the weights are autosaved with the unsaved design: a new session (another browser, a server restart) has them
            page.waitForTimeout(2000); // the autosave writes at most once a second
            try (BrowserContext other = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1440, 900))) {
                Page second = other.newPage();
                second.setDefaultTimeout(20_000);
                second.navigate(page.url());
                assertThat(second.locator(".nw-restored")).containsText("Restored unsaved changes from");
                assertThat(second.locator("network-canvas .drawflow-node")).hasCount(4);
                assertThat(second.getByText("template weights not saved yet")).isVisible();
            }

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save version")).click();
            assertThat(page.getByText("Version 1 · saved")).containsText("with weights");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Train").setExact(true)).click();
            page.waitForURL(Pattern.compile(".*/runs/\\d+$"));
            assertThat(page.locator(".nw-status")).hasText("FINISHED", new LocatorAssertions.HasTextOptions().setTimeout(60_000));
            assertThat(page.locator(".nw-result-main")).hasText("Final accuracy: 100.0%");
            assertThat(page.locator(".nw-result-details")).containsText("final loss 0 · 10 epochs");

            // back in the editor: a move keeps the weights (they still fit), two hidden units become three and do not
            page.goBack();
            page.waitForURL(Pattern.compile(".*/projects/\\d+$"));
            Locator g = page.locator("network-canvas .drawflow-node[data-node-id='g']");
            g.click();
            assertThat(page.locator(".nw-inspector-header")).containsText("g");
            page.keyboard().press("ArrowDown");
            assertThat(page.getByText("Unsaved changes")).isVisible();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save version")).click();
            assertThat(page.getByText("still fit the design: version 2 keeps them")).isVisible();
            assertThat(page.getByText("Version 2 · saved")).containsText("with weights");

            page.locator("network-canvas .drawflow-node[data-node-id='hidden']").click();
            assertThat(page.locator(".nw-inspector-header")).containsText("hidden"); // the inspector shows it before we type
            Locator units = page.locator("vaadin-integer-field[data-param='units'] input");
            units.fill("3");
            units.press("Tab"); // the number field commits on change (blur)
            assertThat(page.locator("network-canvas .drawflow-node[data-node-id='hidden']")).containsText("3 · relu");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save version")).click();
            assertThat(page.getByText("The weights of version 2 no longer fit the design")).isVisible();
            assertThat(page.getByText("Version 3 · saved")).not().containsText("with weights");
        });
    }

    private static int points(Locator chart) {
        String v = chart.getAttribute("data-points");
        return v == null || v.isBlank() ? 0 : Integer.parseInt(v);
    }
}
