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
import static dev.netwright.ui.Chromium.screenshot;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The editor's live comparison with a saved version, and its keyboard shortcuts away from the canvas, in a real browser:
 * edit a saved design (add a Dense, widen another, delete a third), compare with version 1 and see the marks, the
 * ghost of the deleted layer and the legend follow every edit; then Ctrl+Z after a click on the palette, and keys typed
 * into the palette's search and the inspector that must not act on the canvas. Screenshots land in target/screenshots/.
 */
@QuarkusTest
class EditorDiffWalkthroughTest {
    private static final Pattern SELECTED = Pattern.compile("\\bselected\\b");

    /** Version 1: Input → h1 (Dense 4) → h2 (Dense 4) → Output. */
    private static final String VERSION_1 = """
            {"format": "netwright.graph", "version": 1, "name": "Compare me",
             "nodes": [
               {"id": "input", "type": "Input", "params": {"shape": [2]}, "position": {"x": 40, "y": 120}},
               {"id": "h1", "type": "Dense", "params": {"units": 4, "activation": "tanh"}, "position": {"x": 300, "y": 120}},
               {"id": "h2", "type": "Dense", "params": {"units": 4, "activation": "tanh"}, "position": {"x": 560, "y": 120}},
               {"id": "output", "type": "Output", "params": {"loss": "mse"}, "position": {"x": 820, "y": 120}}],
             "edges": [
               {"id": "e1", "from": {"node": "input", "port": "out"}, "to": {"node": "h1", "port": "in"}},
               {"id": "e2", "from": {"node": "h1", "port": "out"}, "to": {"node": "h2", "port": "in"}},
               {"id": "e3", "from": {"node": "h2", "port": "out"}, "to": {"node": "output", "port": "in"}}]}
            """;

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TestHTTPResource("/")
    URL base;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void compareTheLiveCanvasWithVersion1() throws Exception {
        chromium.walk("editor-compare", 1600, 1000, page -> {
            openEditor(page, "Compare walkthrough");
            Locator nodes = page.locator("network-canvas .drawflow-node");

            // edit: add a Dense (palette click), widen h1 to 8 units (inspector), delete h2 (Delete key)
            page.locator(".nw-palette-item[data-layer-type='Dense']").click();
            assertThat(nodes).hasCount(5);
            node(page, "h1").click();
            assertThat(page.locator(".nw-inspector-header")).containsText("h1"); // the inspector shows h1, not the node before
            Locator units = page.locator("vaadin-integer-field[data-param='units'] input");
            units.fill("8");
            units.press("Enter");
            assertThat(node(page, "h1").locator(".nw-node-summary")).hasText("8 · tanh");
            node(page, "h2").click();
            assertThat(node(page, "h2")).hasClass(SELECTED);
            page.keyboard().press("Delete");
            assertThat(nodes).hasCount(4);
            // and connect h1 → dense1 (keyboard: select, C, select the target, Enter)
            node(page, "h1").click();
            page.keyboard().press("c");
            node(page, "dense1").click();
            page.keyboard().press("Enter");
            Locator connections = page.locator("network-canvas .drawflow .connection");
            assertThat(connections).hasCount(2);

            // compare with version 1: dense1 added, h1 changed (units: 4 → 8), h2 a ghost; input and output unmarked
            page.locator("vaadin-select.nw-compare").click();
            page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(Pattern.compile("^Version 1\\b"))).click();
            assertThat(node(page, "dense1")).hasClass(Pattern.compile("\\bnw-diff-added\\b"));
            assertThat(node(page, "dense1").locator(".nw-diff-tag")).hasText("added");
            assertThat(node(page, "h1")).hasClass(Pattern.compile("\\bnw-diff-changed\\b"));
            assertThat(node(page, "h1").locator(".nw-diff-tag")).hasText("changed");
            assertThat(node(page, "h1").locator(".nw-diff-tag")).hasAttribute("title", "units: 4 → 8");
            assertThat(node(page, "input")).not().hasClass(Pattern.compile("nw-diff-"));
            assertThat(node(page, "output")).not().hasClass(Pattern.compile("nw-diff-"));
            Locator ghost = page.locator("network-canvas .nw-ghost[data-ghost-id='h2']");
            assertThat(ghost).hasCount(1);
            assertThat(ghost).containsText("Dense");
            assertThat(ghost).containsText("removed");
            assertEquals("none", ghost.evaluate("g => getComputedStyle(g).pointerEvents"));
            assertEquals(560.0, ((Number) ghost.evaluate("g => parseFloat(g.style.left)")).doubleValue(), 0.5);
            // h2's two connections are ghosts, dashed from h1's output port to the ghost and from the ghost to output's
            // input port; the new connection h1 → dense1 is drawn as added, input → h1 (in both versions) is not
            Locator ghostEdges = page.locator("network-canvas .nw-ghost-edges path");
            assertThat(ghostEdges).hasCount(2);
            assertThat(page.locator("network-canvas .nw-ghost-edges path[data-from='h1'][data-to='h2'] title"))
                    .hasText("h1 → h2: removed since the compared version");
            double[] h1ToGhost = ends(page.locator("network-canvas .nw-ghost-edges path[data-from='h1']"));
            double[] ghostToOutput = ends(page.locator("network-canvas .nw-ghost-edges path[data-to='output']"));
            double h1Right = ((Number) node(page, "h1").evaluate("n => parseFloat(n.style.left) + n.offsetWidth")).doubleValue();
            assertEquals(h1Right, h1ToGhost[0], 12, "starts at h1's output port");
            assertEquals(560, h1ToGhost[2], 0.5, "ends at the ghost's left border");
            assertEquals(560 + 180, ghostToOutput[0], 0.5, "starts at the ghost's right border");
            assertEquals(820, ghostToOutput[2], 30, "ends at output's input port");
            Locator added = page.locator("network-canvas .drawflow .connection.nw-diff-added");
            assertThat(added).hasCount(1);
            assertThat(added).hasClass(Pattern.compile("\\bnode_out_node-" + dfId(node(page, "h1")) + "\\b"));
            Locator legend = page.locator(".nw-compare-legend");
            assertThat(legend).hasText("1 added · 1 changed · 1 removed · connections: 1 added, 2 removed");
            screenshot(page, "editor-compare.png");

            // a click where the ghost is selects nothing (the ghost is not a node)
            ghost.click(new Locator.ClickOptions().setForce(true));
            assertThat(page.locator("network-canvas .drawflow-node.selected")).hasCount(0);

            // recomputed after every edit: undo the deletion (the ghost goes), moving a node marks nothing
            page.keyboard().press("Control+z"); // the connection h1 → dense1
            assertThat(added).hasCount(0);
            page.keyboard().press("Control+z");
            assertThat(nodes).hasCount(5);
            assertThat(ghost).hasCount(0);
            assertThat(ghostEdges).hasCount(0);
            assertThat(legend).hasText("1 added · 1 changed · 0 removed");
            assertThat(node(page, "h2")).not().hasClass(Pattern.compile("nw-diff-"));
            node(page, "output").click();
            page.keyboard().press("ArrowDown");
            page.waitForTimeout(300);
            assertThat(node(page, "output")).not().hasClass(Pattern.compile("nw-diff-"));
            assertThat(legend).hasText("1 added · 1 changed · 0 removed");

            // Off: no marks, no legend
            page.locator("vaadin-select.nw-compare").click();
            page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Off").setExact(true)).click();
            assertThat(page.locator("network-canvas [class*='nw-diff-added'], network-canvas [class*='nw-diff-changed']")).hasCount(0);
            assertThat(legend).isHidden();
        });
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shortcutsWorkAwayFromTheCanvasButNotInFields() throws Exception {
        chromium.walk("editor-shortcuts", 1600, 1000, page -> {
            openEditor(page, "Shortcut walkthrough");
            Locator nodes = page.locator("network-canvas .drawflow-node");

            // a click on a palette entry adds a Dense and leaves the focus on the palette: Ctrl+Z still undoes it
            Locator dense = page.locator(".nw-palette-item[data-layer-type='Dense']");
            dense.click();
            assertThat(nodes).hasCount(5);
            assertEquals("Dense", page.evaluate("() => document.activeElement.dataset.layerType"));
            page.keyboard().press("Control+z");
            assertThat(nodes).hasCount(4);

            // after a click on a toolbar button: Delete deletes the selected layer, ? opens the help
            node(page, "h2").click();
            assertThat(node(page, "h2")).hasClass(SELECTED);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Auto-layout")).click();
            page.keyboard().press("Delete");
            assertThat(nodes).hasCount(3);
            page.keyboard().press("?");
            assertThat(page.locator("network-canvas .nw-help")).containsText("anywhere on the editor page");
            page.keyboard().press("Escape");
            assertThat(page.locator("network-canvas .nw-help")).hasCount(0);
            page.keyboard().press("Control+z");
            assertThat(nodes).hasCount(4);

            // typing into the palette's search is not a shortcut: "z", "l", Ctrl+Z, Delete change nothing on the canvas
            dense.click();
            assertThat(nodes).hasCount(5);
            Locator search = page.locator(".nw-palette vaadin-text-field input");
            search.click();
            search.pressSequentially("z");
            search.press("Control+z");
            search.press("Delete");
            search.press("l");
            page.waitForTimeout(500);
            assertThat(nodes).hasCount(5);
            assertThat(node(page, "dense1")).hasCount(1);
            search.fill("");

            // nor is typing into the inspector: Delete and Backspace in the units field keep the selected layer
            node(page, "h1").click();
            assertThat(page.locator(".nw-inspector-header")).containsText("h1"); // the inspector shows h1, not the node before
            Locator units = page.locator("vaadin-integer-field[data-param='units'] input");
            units.click();
            units.press("End");
            units.press("Backspace");
            units.press("Delete");
            units.pressSequentially("6");
            units.press("Enter");
            assertThat(node(page, "h1").locator(".nw-node-summary")).hasText("6 · tanh");
            assertThat(nodes).hasCount(5);

            // Ctrl+A and Delete at once (no wait for the server's selection in between) delete everything; Ctrl+Z brings it back
            node(page, "h1").click();
            page.keyboard().press("Control+a");
            page.keyboard().press("Delete");
            assertThat(nodes).hasCount(0);
            page.keyboard().press("Control+z");
            assertThat(nodes).hasCount(5);
        });
    }

    /** A project whose version 1 is {@link #VERSION_1}, opened in the editor. */
    private void openEditor(Page page, String projectName) {
        long project = given().contentType(ContentType.JSON).body(Map.of("name", projectName))
                .post("/api/projects").then().statusCode(201).extract().jsonPath().getLong("id");
        given().contentType(ContentType.JSON).body(VERSION_1).post("/api/projects/" + project + "/models").then().statusCode(201);
        page.navigate(base + "projects/" + project);
        // the first page of a fresh server can take a while
        assertThat(page.locator("network-canvas .drawflow-node")).hasCount(4,
                new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions().setTimeout(30_000));
    }

    /** A drawn path's start and end: {x1, y1, x2, y2} from its "M x1 y1 C … x2 y2". */
    private static double[] ends(Locator path) {
        String[] n = ((String) path.getAttribute("d")).replaceAll("[MC,]", " ").trim().split("\\s+");
        return new double[]{Double.parseDouble(n[0]), Double.parseDouble(n[1]), Double.parseDouble(n[n.length - 2]), Double.parseDouble(n[n.length - 1])};
    }

    /** Drawflow's number of a node element ("node-7" → 7). */
    private static String dfId(Locator node) {
        return node.getAttribute("id").substring("node-".length());
    }

    private static Locator node(Page page, String id) {
        return page.locator("network-canvas .drawflow-node[data-node-id='" + id + "']");
    }
}
