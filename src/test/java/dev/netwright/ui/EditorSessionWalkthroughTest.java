package dev.netwright.ui;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URL;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;

/**
 * What the editor keeps across pages and what it does when the project moved on, in a real browser: the undo history
 * survives a reload; a version restored on the Versions page is what the editor then opens (not this session's older
 * unsaved edits); saving over a version someone saved meanwhile asks first.
 */
@QuarkusTest
class EditorSessionWalkthroughTest {
    /** Input → h (Dense 4, tanh) → Output; the project's version 2 has 8 units. */
    private static final String DESIGN = """
            {"format": "netwright.graph", "version": 1, "name": "Session",
             "nodes": [
               {"id": "input", "type": "Input", "params": {"shape": [2]}, "position": {"x": 40, "y": 120}},
               {"id": "h", "type": "Dense", "params": {"units": 4, "activation": "tanh"}, "position": {"x": 300, "y": 120}},
               {"id": "output", "type": "Output", "params": {"loss": "mse"}, "position": {"x": 560, "y": 120}}],
             "edges": [
               {"id": "e1", "from": {"node": "input", "port": "out"}, "to": {"node": "h", "port": "in"}},
               {"id": "e2", "from": {"node": "h", "port": "out"}, "to": {"node": "output", "port": "in"}}]}
            """;

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TestHTTPResource("/")
    URL base;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void undoSurvivesAReloadAndARestoreWinsOverOlderEdits() throws Exception {
        chromium.walk("editor-session", 1440, 900, page -> {
            long project = createProject("Session walkthrough");
            page.navigate(base + "projects/" + project);
            Locator summary = node(page, "h").locator(".nw-node-summary");
            assertThat(summary).hasText("8 · tanh", new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(30_000));

            // two edits, a reload: both are still undoable, one step each
            setUnits(page, "5");
            setUnits(page, "6");
            page.reload();
            assertThat(summary).hasText("6 · tanh");
            page.keyboard().press("Control+z");
            assertThat(summary).hasText("5 · tanh");
            page.keyboard().press("Control+z");
            assertThat(summary).hasText("8 · tanh");
            page.keyboard().press("Control+y");
            assertThat(summary).hasText("5 · tanh");

            // with that unsaved edit, version 1 is restored as version 3 on the Versions page (which warns about it):
            // the editor opens version 3, not the older unsaved edit
            page.waitForTimeout(1500); // the autosave writes at most once a second
            page.navigate(base + "projects/" + project + "/versions");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Restore version 1").setExact(true)).first().click();
            Locator confirm = page.locator("vaadin-confirm-dialog-overlay, vaadin-confirm-dialog").filter(
                    new Locator.FilterOptions().setHasText("unsaved changes"));
            assertThat(confirm.first()).containsText("The editor's unsaved changes (autosaved");
            page.locator("vaadin-confirm-dialog vaadin-button", new Page.LocatorOptions().setHasText("Restore version 1")).click();
            assertThat(page.locator(".nw-restored")).containsText("Version 1 restored as version 3.");
            page.locator(".nw-restored a", new Page.LocatorOptions().setHasText("Open in the editor")).click();
            assertThat(page.getByText(Pattern.compile("^Version 3 · saved"))).isVisible();
            assertThat(summary).hasText("4 · tanh");
            assertThat(page.getByText("Unsaved changes")).isHidden();
            assertThat(page.locator(".nw-restored")).isHidden();

            // someone saves version 4 while this editor is open: Save asks before making this design version 5
            setUnits(page, "7");
            given().contentType(ContentType.JSON).header("X-Netwright-Author", "Grace Hopper").body(DESIGN.replace("\"units\": 4", "\"units\": 9"))
                    .post("/api/projects/" + project + "/models").then().statusCode(201);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save version")).click();
            Locator conflict = page.locator("vaadin-confirm-dialog.nw-save-conflict");
            assertThat(conflict).containsText("Version 4 was saved since you opened this design");
            assertThat(conflict).containsText("by Grace Hopper");
            page.locator("vaadin-confirm-dialog vaadin-button", new Page.LocatorOptions().setHasText("Cancel")).click();
            assertThat(page.getByText(Pattern.compile("^Version 3 · saved"))).isVisible(); // nothing saved
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save version")).click();
            page.locator("vaadin-confirm-dialog vaadin-button", new Page.LocatorOptions().setHasText("Save as version 5")).click();
            assertThat(page.getByText(Pattern.compile("^Version 5 · saved"))).isVisible();
            assertThat(summary).hasText("7 · tanh");

            // an emptied number field says so after it loses the focus too, and the layer keeps its value
            node(page, "h").click();
            Locator units = page.locator("vaadin-integer-field[data-param='units']");
            units.locator("input").fill("");
            units.locator("input").press("Tab");
            page.waitForTimeout(300);
            assertThat(units).hasAttribute("invalid", "");
            assertThat(units).containsText("Enter a whole number (the layer keeps its value until then)");
            assertThat(summary).hasText("7 · tanh");
        });
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void layersAddedFromThePaletteLandApartTheLastInView() throws Exception {
        chromium.walk("editor-palette-add", 1440, 900, page -> {
            long project = createProject("Palette walkthrough");
            page.navigate(base + "projects/" + project);
            Locator nodes = page.locator("network-canvas .drawflow-node");
            assertThat(nodes).hasCount(3, new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions().setTimeout(30_000));
            for (String type : java.util.List.of("Dense", "Dense", "ReLU", "Dropout", "Conv2D", "Dense", "Softmax", "LSTM")) {
                int before = nodes.count();
                page.locator(".nw-palette-item[data-layer-type='" + type + "']").click();
                assertThat(nodes).hasCount(before + 1);
            }
            page.waitForTimeout(300);
            // the keyboard's way past the palette: "Skip to the canvas", off screen until focused
            Locator skip = page.locator("vaadin-button.nw-skip");
            org.junit.jupiter.api.Assertions.assertTrue(skip.boundingBox().x < 0, "hidden until focused");
            skip.focus();
            page.keyboard().press("Enter");
            org.junit.jupiter.api.Assertions.assertEquals(true, page.evaluate(
                    "() => document.activeElement === document.querySelector('network-canvas .nw-canvas')"));
            Object clash = page.evaluate("""
                    () => {
                      const area = document.querySelector('network-canvas .nw-canvas').getBoundingClientRect();
                      const map = document.querySelector('network-canvas .nw-minimap').getBoundingClientRect();
                      const rects = [...document.querySelectorAll('network-canvas .drawflow-node')]
                          .map((n) => [n.dataset.nodeId, n.getBoundingClientRect()]);
                      const over = (r, q) => r.left < q.right && q.left < r.right && r.top < q.bottom && q.top < r.bottom;
                      const out = [];
                      for (const [id, r] of rects) {
                        for (const [other, q] of rects) if (id < other && over(r, q)) out.push(id + ' on ' + other);
                        if (id === 'lstm1' && (r.left < area.left || r.right > area.right || r.top < area.top || r.bottom > area.bottom
                            || over(r, map))) out.push('the last one added is out of view');
                      }
                      return out;
                    }""");
            org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), clash);
            Chromium.screenshot(page, "editor-palette-add.png");
        });
    }

    private static long createProject(String name) {
        long project = given().contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/api/projects").then().statusCode(201).extract().jsonPath().getLong("id");
        given().contentType(ContentType.JSON).body(DESIGN).post("/api/projects/" + project + "/models").then().statusCode(201);
        given().contentType(ContentType.JSON).body(DESIGN.replace("\"units\": 4", "\"units\": 8"))
                .post("/api/projects/" + project + "/models").then().statusCode(201);
        return project;
    }

    /** Selects h, types the units into the inspector and commits them (Tab). */
    private static void setUnits(Page page, String units) {
        node(page, "h").click();
        assertThat(page.locator(".nw-inspector-header")).containsText("h");
        Locator field = page.locator("vaadin-integer-field[data-param='units'] input");
        field.fill(units);
        field.press("Tab");
        assertThat(node(page, "h").locator(".nw-node-summary")).hasText(units + " · tanh");
    }

    private static Locator node(Page page, String id) {
        return page.locator("network-canvas .drawflow-node[data-node-id='" + id + "']");
    }
}
