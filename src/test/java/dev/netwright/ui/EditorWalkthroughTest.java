package dev.netwright.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.netwright.ui.Chromium.screenshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Mouse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.KeyboardModifier;
import com.microsoft.playwright.options.Position;
import dev.netwright.graph.GraphSpec;
import dev.netwright.projects.GraphJson;
import dev.netwright.ui.editor.EditorBenchmark;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URL;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The editor in a real browser (Debian's chromium, driven by Playwright): drag a Dense from the palette and connect it
 * (the edge shows its shape), create a shape error and see it pinned on the node with its fix, apply the fix, undo and
 * redo, move a node with the keyboard and connect with it, select several, copy and paste, open LeNet-5 and read its
 * per-layer parameter counts, export and import the design as JSON, and time edits on a 300-layer design.
 * Screenshots land in target/screenshots/.
 */
@QuarkusTest
class EditorWalkthroughTest {
    private static final Logger LOG = Logger.getLogger(EditorWalkthroughTest.class);

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    @TestHTTPResource("/")
    URL base;

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void editDesignWithMouseAndKeyboard() throws Exception {
        chromium.walk("editor-walkthrough", 1600, 1000, this::walkthrough);
    }

    private static Locator node(Page page, String id) {
        return page.locator("network-canvas .drawflow-node[data-node-id='" + id + "']");
    }

    private static Locator label(Page page, String text) {
        return page.locator(".nw-edge-label").filter(new Locator.FilterOptions().setHasText(Pattern.compile("^" + escape(text) + "$")));
    }

    /** {@code text} as a regular expression that both Java and JavaScript read literally (Playwright runs it in the page). */
    private static String escape(String text) {
        return text.replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "\\\\$0");
    }

    private void walkthrough(Page page) throws Exception {
        page.navigate(base.toString());
        page.getByLabel("Project name").fill("Editor walkthrough");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create project")).click();
        page.waitForURL(Pattern.compile(".*/projects/\\d+$"));
        Locator nodes = page.locator("network-canvas .drawflow-node");
        assertThat(nodes).hasCount(2);
        Locator canvas = page.locator("network-canvas .nw-canvas");

        // 1. drag a Dense from the palette onto the canvas, connect Input → Dense → Output: the shapes are on the edges
        LOG.info("editor walkthrough step 1");
        BoundingBox in = node(page, "input").boundingBox();
        BoundingBox area = canvas.boundingBox();
        page.locator(".nw-palette-item[data-layer-type='Dense']").dragTo(canvas,
                new Locator.DragToOptions().setTargetPosition(new Position(in.x - area.x + 300, in.y - area.y + 200)));
        assertThat(nodes).hasCount(3);
        assertThat(node(page, "dense1")).hasClass(Pattern.compile("\\bselected\\b"));
        dragConnection(page, "input", "dense1");
        assertThat(label(page, "[2]")).isVisible();
        dragConnection(page, "dense1", "output");
        assertThat(label(page, "[8]")).isVisible();
        assertThat(node(page, "dense1").locator(".nw-node-costs")).hasText("24 params · 32 FLOPs");
        assertThat(page.locator(".nw-minimap .nw-minimap-node")).hasCount(3);
        // a dragged layer lands (and is saved) exactly where the mouse put it
        double zoom = ((Number) page.evaluate("() => document.querySelector('network-canvas').editor.zoom")).doubleValue();
        double startLeft = left(node(page, "dense1"));
        BoundingBox d1 = node(page, "dense1").locator(".nw-node-title").boundingBox();
        page.mouse().move(d1.x + 10, d1.y + 5);
        page.mouse().down();
        page.mouse().move(d1.x + 10 + 80, d1.y + 5, new Mouse.MoveOptions().setSteps(8));
        page.mouse().up();
        page.waitForTimeout(500); // the server's next view would move it to where the server has it
        assertEquals(startLeft + 80 / zoom, left(node(page, "dense1")), 1.0);

        // 1b. re-route: pick a connection up by its input end and drop it on another input port (one undo step), or on
        // the empty canvas (deleted); a click on the port leaves it
        LOG.info("editor walkthrough step 1b");
        Locator connections = page.locator("network-canvas .drawflow .connection");
        assertThat(connections).hasCount(2);
        dragInputEnd(page, "dense1", node(page, "output").locator(".input").first().boundingBox());
        assertThat(connections).hasCount(1); // input → output; dense1 → output is replaced (an input takes one)
        assertThat(label(page, "[2]")).hasCount(1);
        assertThat(label(page, "[8]")).hasCount(0);
        assertThat(node(page, "output").locator(".nw-problem")).hasCount(0);
        page.keyboard().press("Control+z");
        assertThat(connections).hasCount(2);
        assertThat(label(page, "[8]")).isVisible();
        dragInputEnd(page, "output", canvas.boundingBox()); // the middle of the canvas: nothing there
        assertThat(connections).hasCount(1);
        assertThat(label(page, "[8]")).hasCount(0);
        page.keyboard().press("Control+z");
        assertThat(connections).hasCount(2);
        BoundingBox port = node(page, "output").locator(".input").first().boundingBox();
        page.mouse().click(port.x + port.width / 2, port.y + port.height / 2);
        page.waitForTimeout(300);
        assertThat(connections).hasCount(2);
        assertThat(label(page, "[8]")).isVisible();

        // 2. a shape error: Input [784] into a Conv2D (connected with the keyboard: select, C, select the target, Enter)
        LOG.info("editor walkthrough step 2");
        node(page, "input").click();
        Locator shape = page.locator("vaadin-text-field[data-param='shape'] input");
        shape.fill("784");
        shape.press("Enter");
        assertThat(label(page, "[784]")).isVisible();
        page.locator(".nw-palette-item[data-layer-type='Conv2D']").click();
        assertThat(nodes).hasCount(4);
        node(page, "input").click();
        page.keyboard().press("c");
        assertThat(page.locator(".nw-connect-hint")).containsText("Connecting from input");
        node(page, "conv2d1").click();
        page.keyboard().press("Enter");
        Locator problem = node(page, "conv2d1").locator(".nw-problem-error");
        assertThat(problem).containsText("Conv2D 'conv2d1' needs [N, C, H, W] but receives [N, 784] from 'input': insert Reshape(1, 28, 28)?");
        Locator fix = node(page, "conv2d1").locator(".nw-fix");
        assertThat(fix).hasText("Insert Reshape(1, 28, 28)");
        assertThat(page.locator(".nw-inspector-fix")).containsText("Insert Reshape(1, 28, 28)");
        screenshot(page, "editor-shape-error.png");

        // 3. one click on the fix: the Reshape is inserted and the problem is gone
        LOG.info("editor walkthrough step 3");
        fix.click();
        assertThat(node(page, "reshape")).hasCount(1);
        assertThat(problem).hasCount(0);
        assertThat(label(page, "[1, 28, 28]")).isVisible();

        // 4. undo (toolbar) brings the problem back, redo (keyboard) repairs it again
        LOG.info("editor walkthrough step 4");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Undo").setExact(true)).click();
        assertThat(node(page, "reshape")).hasCount(0);
        assertThat(problem).hasCount(1);
        canvas.click(new Locator.ClickOptions().setPosition(10, 10));
        page.keyboard().press("Control+Shift+Z");
        assertThat(node(page, "reshape")).hasCount(1);
        assertThat(problem).hasCount(0);
        page.keyboard().press("Control+z");
        assertThat(problem).hasCount(1);
        page.keyboard().press("Control+y");
        assertThat(problem).hasCount(0);

        // 5. keyboard: select a node, move it with the arrow keys (one undo step), Tab + Enter selects the next one
        LOG.info("editor walkthrough step 5");
        Locator dense = node(page, "dense1");
        dense.click();
        // the server has the selection (a view from the undo/redo before could otherwise still replace it, and arrow keys
        // move only a selected node: this step failed in CI when the keys came first)
        assertThat(page.locator(".nw-inspector-header")).containsText("dense1");
        assertThat(dense).hasClass(Pattern.compile("\\bselected\\b"));
        double left = left(dense);
        for (int i = 0; i < 3; i++) page.keyboard().press("ArrowRight");
        assertEquals(left + 30, left(dense), 0.5);
        page.keyboard().press("ArrowDown");
        page.waitForTimeout(300); // let the moves reach the server
        page.keyboard().press("Control+z");
        page.waitForCondition(() -> Math.abs(left(dense) - left) < 0.5);
        page.keyboard().press("Tab");
        String focused = (String) page.evaluate("() => document.activeElement.dataset.nodeId");
        assertNotEquals("dense1", focused);
        page.keyboard().press("Enter");
        assertThat(node(page, focused)).hasClass(Pattern.compile("\\bselected\\b"));

        // 6. box selection with Shift, copy and paste (new ids, selected), delete them, help overlay
        LOG.info("editor walkthrough step 6");
        selectBox(page, "dense1", "conv2d1");
        Locator selected = page.locator("network-canvas .drawflow-node.selected");
        assertThat(node(page, "dense1")).hasClass(Pattern.compile("\\bselected\\b"));
        assertThat(node(page, "conv2d1")).hasClass(Pattern.compile("\\bselected\\b"));
        int boxed = selected.count();
        page.keyboard().press("Control+c");
        page.keyboard().press("Control+v");
        assertThat(nodes).hasCount(5 + boxed);
        assertThat(node(page, "dense2")).hasClass(Pattern.compile("\\bselected\\b"));
        assertThat(node(page, "dense1")).not().hasClass(Pattern.compile("\\bselected\\b"));
        page.keyboard().press("Delete");
        assertThat(nodes).hasCount(5);
        page.keyboard().press("?");
        assertThat(page.locator(".nw-help")).containsText("Ctrl + Z · Ctrl + Shift + Z or Ctrl + Y");
        page.keyboard().press("Escape");
        assertThat(page.locator(".nw-help")).hasCount(0);

        // 6b. collapse a block: Reshape + Conv2D become one block node; the edge into it still shows [784]; undo restores
        LOG.info("editor walkthrough step 6b");
        node(page, "reshape").click();
        node(page, "conv2d1").click(new Locator.ClickOptions().setModifiers(List.of(KeyboardModifier.SHIFT)));
        assertThat(node(page, "conv2d1")).hasClass(Pattern.compile("\\bselected\\b"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Collapse into block…")).click();
        Locator blockDialog = page.getByRole(AriaRole.DIALOG);
        blockDialog.getByLabel("Block name").fill("Stem");
        blockDialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Collapse").setExact(true)).click();
        Locator blocks = page.locator("network-canvas .drawflow-node.nw-block");
        assertThat(blocks).hasCount(1);
        assertThat(blocks).containsText("Stem");
        assertThat(blocks).containsText("2 layers · 1 in, 1 out");
        assertThat(nodes).hasCount(4);
        assertThat(label(page, "[784]")).hasCount(2); // input → dense1 and input → the block
        assertThat(label(page, "[1, 28, 28]")).hasCount(0); // now inside the block
        assertThat(page.locator(".nw-palette-item[data-block='Stem']")).isVisible();
        // the instance's inspector edits the block's layers: Conv2D's filters 8 → 4 changes the block's output
        blocks.first().click();
        assertThat(page.locator(".nw-inspector-header")).containsText("Block Stem");
        Locator filters = page.locator(".nw-inspector-block-layer[data-layer='conv2d1'] vaadin-integer-field[data-param='filters'] input");
        String filtersBefore = filters.inputValue();
        filters.fill("4");
        filters.press("Tab");
        assertThat(blocks.first().locator(".nw-node-detail")).containsText("[4,");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Undo").setExact(true)).click();
        assertThat(blocks.first().locator(".nw-node-detail")).containsText("[" + filtersBefore + ",");
        screenshot(page, "editor-block.png");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Undo").setExact(true)).click();
        assertThat(blocks).hasCount(0);
        assertThat(nodes).hasCount(5);
        assertThat(label(page, "[1, 28, 28]")).isVisible();

        // 6c. autosave: the unsaved design survives a reload, and a new session (another browser) gets it from the
        // database with a note and a Discard button
        LOG.info("editor walkthrough step 6c");
        page.waitForTimeout(1500); // the autosave writes at most once a second
        page.reload();
        assertThat(nodes).hasCount(5);
        assertThat(node(page, "reshape")).hasCount(1);
        try (BrowserContext other = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1600, 1000))) {
            Page second = other.newPage();
            second.setDefaultTimeout(20_000);
            second.navigate(page.url());
            assertThat(second.locator("network-canvas .drawflow-node")).hasCount(5);
            assertThat(second.locator(".nw-restored")).containsText("Restored unsaved changes from");
            assertThat(second.locator("network-canvas .drawflow-node[data-node-id='reshape']")).hasCount(1);
        }

        // 7. LeNet-5: the per-layer parameter counts on the nodes, the totals and memory in the status bar
        LOG.info("editor walkthrough step 7");
        page.locator("vaadin-select").filter(new Locator.FilterOptions().setHasText("Start from")).click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("LeNet-5").setExact(true)).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Load template")).click();
        assertThat(nodes).hasCount(10);
        // fitted to the canvas: every layer visible, none under the minimap or the zoom buttons
        page.waitForTimeout(300);
        assertEquals(List.of(), page.evaluate("""
                () => {
                  const map = document.querySelector('network-canvas .nw-minimap').getBoundingClientRect();
                  const tools = document.querySelector('network-canvas .nw-toolbar').getBoundingClientRect();
                  const area = document.querySelector('network-canvas .nw-canvas').getBoundingClientRect();
                  const over = (r, q) => r.right > q.left && r.left < q.right && r.bottom > q.top && r.top < q.bottom;
                  return [...document.querySelectorAll('network-canvas .drawflow-node')].filter((n) => {
                    const r = n.getBoundingClientRect();
                    const outside = r.left < area.left || r.right > area.right || r.top < area.top || r.bottom > area.bottom;
                    return over(r, map) || over(r, tools) || outside;
                  }).map((n) => n.dataset.nodeId);
                }"""));
        for (String count : List.of("156", "2,416", "48,120", "10,164", "850")) {
            assertThat(page.locator(".nw-node-costs").filter(new Locator.FilterOptions()
                    .setHasText(Pattern.compile("^" + escape(count) + " params")))).hasCount(1);
        }
        assertThat(page.locator(".nw-stat-totals")).hasText("61,706 parameters · 833k FLOPs / sample");
        assertThat(page.locator(".nw-stat-memory")).hasText(Pattern.compile("Training memory ≈ .+B"));
        node(page, "f5").click();
        assertThat(page.locator(".nw-inspector-plot svg")).isVisible();
        screenshot(page, "editor-lenet.png");

        // 8. export the design as JSON, then import a 300-layer one
        LOG.info("editor walkthrough step 8");
        Download download = page.waitForDownload(() -> page.getByText("Export JSON").click());
        GraphSpec exported = GraphJson.parse(Files.readString(download.path()));
        assertEquals("LeNet-5", exported.name());
        assertEquals(10, exported.nodes().size());

        LOG.info("editor walkthrough: exported, importing 300 layers");
        GraphSpec big = EditorBenchmark.residualMlp();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Import JSON…")).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        dialog.getByLabel("Graph JSON").fill("{ not json");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Import")).click();
        assertThat(dialog.locator("vaadin-text-area")).containsText("Malformed graph JSON");
        assertThat(nodes).hasCount(10);
        dialog.getByLabel("Graph JSON").fill(GraphJson.write(big));
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Import")).click();
        assertThat(nodes).hasCount(300, new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions().setTimeout(30_000));
        assertThat(page.locator(".nw-validity")).hasText("✓ Ready to train");
        double firstDraw = ((Number) page.evaluate("() => document.querySelector('network-canvas').lastApplyMs")).doubleValue();
        LOG.infof("editor walkthrough: 300 layers drawn in %.1f ms", firstDraw);
        // zoomed out to fit, much of the canvas lies outside drawflow's scaled layer: a drag there pans all the same
        assertThat(dialog).hasCount(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> bare = (Map<String, Object>) page.evaluate("""
                () => {
                  const c = document.querySelector('network-canvas .nw-canvas');
                  const r = c.getBoundingClientRect();
                  for (let y = r.bottom - 20; y > r.top; y -= 20)
                    for (let x = r.left + 20; x < r.right; x += 20)
                      if (document.elementFromPoint(x, y) === c) return { x, y };
                  return null;
                }""");
        assertTrue(bare != null, "zoomed out, some of the canvas is background outside drawflow's layer");
        double panX = ((Number) page.evaluate("() => document.querySelector('network-canvas').editor.canvas_x")).doubleValue();
        double bx = ((Number) bare.get("x")).doubleValue(), by = ((Number) bare.get("y")).doubleValue();
        page.mouse().move(bx, by);
        page.mouse().down();
        page.mouse().move(bx + 60, by - 40, new Mouse.MoveOptions().setSteps(5));
        page.mouse().up();
        assertEquals(panX + 60, ((Number) page.evaluate("() => document.querySelector('network-canvas').editor.canvas_x")).doubleValue(), 1,
                "a drag on the background outside the scaled layer pans");

        // 9. timing on 300 layers: delete a layer, then undo and redo it, each a full round trip with re-analysis
        LOG.info("editor walkthrough step 9");
        String middle = (String) page.evaluate("""
                () => {
                  const r = document.querySelector('network-canvas .nw-canvas').getBoundingClientRect();
                  let best = null, distance = Infinity;
                  for (const n of document.querySelectorAll('network-canvas .drawflow-node')) {
                    // the same kind of edit in every run, whatever the layout: a Dense of a residual block (two connections)
                    if (n.querySelector('.nw-node-type')?.textContent !== 'Dense') continue;
                    const b = n.getBoundingClientRect();
                    const d = Math.hypot(b.x + b.width / 2 - (r.x + r.width / 2), b.y + b.height / 2 - (r.y + r.height / 2));
                    if (d < distance) { distance = d; best = n.dataset.nodeId; }
                  }
                  return best;
                }""");
        node(page, middle).click();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> samples = (List<Map<String, Object>>) page.evaluate(TIMING_JS, 10);
        assertTrue(samples.stream().noneMatch(s -> Double.isNaN(((Number) s.get("roundTrip")).doubleValue())),
                "an edit got no new view within 15 s: " + samples);
        double[] roundTrip = samples.stream().mapToDouble(s -> ((Number) s.get("roundTrip")).doubleValue()).sorted().toArray();
        double[] painted = samples.stream().mapToDouble(s -> ((Number) s.get("painted")).doubleValue()).sorted().toArray();
        double[] apply = samples.stream().mapToDouble(s -> ((Number) s.get("apply")).doubleValue()).sorted().toArray();
        String report = String.format(java.util.Locale.ROOT,
                "300-layer design: first draw %.1f ms; edit → view applied (server round trip + reconcile), median %.1f ms, max %.1f ms; "
                        + "→ next frame painted, median %.1f ms, max %.1f ms; reconcile alone median %.1f ms, max %.1f ms "
                        + "(%d edits: delete Dense '%s', then undo/redo)",
                firstDraw, median(roundTrip), roundTrip[roundTrip.length - 1], median(painted), painted[painted.length - 1],
                median(apply), apply[apply.length - 1], samples.size(), middle);
        LOG.info(report);
        Files.writeString(Chromium.SCREENSHOTS.resolve("editor-timing.txt"), report + "\n" + samples + "\n");
        assertTrue(median(roundTrip) < 5_000, report); // a sanity bound only: the numbers are reported, not asserted
        screenshot(page, "editor-300.png");
    }

    /**
     * Presses Delete once, then Ctrl+Z / Ctrl+Y {@code n} times each, on the canvas; for each, the time from the key
     * press to the element's data-revision changing (the server's new view reconciled), to the next frame drawn after
     * that (the shapes and problems on the screen), and the reconcile time alone.
     */
    private static final String TIMING_JS = """
            async (n) => {
              const c = document.querySelector('network-canvas');
              const container = c.querySelector('.nw-canvas');
              const press = async (init) => {
                const rev = Number(c.dataset.revision);
                const done = new Promise((resolve) => {
                  const mo = new MutationObserver(() => {
                    if (Number(c.dataset.revision) > rev) { mo.disconnect(); resolve(performance.now()); }
                  });
                  mo.observe(c, { attributes: true, attributeFilter: ['data-revision'] });
                });
                const t0 = performance.now();
                container.dispatchEvent(new KeyboardEvent('keydown', { ...init, bubbles: true, composed: true, cancelable: true }));
                const t1 = await Promise.race([done, new Promise((r) => setTimeout(() => r(NaN), 15000))]);
                // the frame with the new view: a task queued from its animation frame runs once that frame is drawn
                const t2 = await new Promise((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0)));
                await new Promise((r) => setTimeout(r, 50));
                return { key: init.key, roundTrip: t1 - t0, painted: t2 - t0, apply: c.lastApplyMs };
              };
              const out = [await press({ key: 'Delete' })];
              for (let i = 0; i < n; i++) {
                out.push(await press({ key: 'z', ctrlKey: true }));
                out.push(await press({ key: 'y', ctrlKey: true }));
              }
              return out;
            }
            """;

    private static double median(double[] sorted) {
        return sorted[sorted.length / 2];
    }

    private static double left(Locator node) {
        return ((Number) node.evaluate("el => parseFloat(el.style.left)")).doubleValue();
    }

    /** Drags from {@code from}'s output port to {@code to}'s first input port. */
    private static void dragConnection(Page page, String from, String to) {
        BoundingBox a = node(page, from).locator(".output").first().boundingBox();
        BoundingBox b = node(page, to).locator(".input").first().boundingBox();
        page.mouse().move(a.x + a.width / 2, a.y + a.height / 2);
        page.mouse().down();
        page.mouse().move(b.x + b.width / 2, b.y + b.height / 2, new Mouse.MoveOptions().setSteps(10));
        page.mouse().up();
    }

    /** Presses {@code node}'s first input port and drags to the middle of {@code to}. */
    private static void dragInputEnd(Page page, String node, BoundingBox to) {
        BoundingBox a = node(page, node).locator(".input").first().boundingBox();
        page.mouse().move(a.x + a.width / 2, a.y + a.height / 2);
        page.mouse().down();
        page.mouse().move(to.x + to.width / 2, to.y + to.height / 2, new Mouse.MoveOptions().setSteps(10));
        page.mouse().up();
    }

    /** Shift + drag from the canvas's top left corner (background) to below and right of both nodes. */
    private static void selectBox(Page page, String a, String b) {
        BoundingBox ra = node(page, a).boundingBox();
        BoundingBox rb = node(page, b).boundingBox();
        BoundingBox area = page.locator("network-canvas .nw-canvas").boundingBox();
        double x0 = area.x + 4, y0 = area.y + 4;
        double x1 = Math.max(ra.x + ra.width, rb.x + rb.width) + 10, y1 = Math.max(ra.y + ra.height, rb.y + rb.height) + 10;
        page.keyboard().down("Shift");
        page.mouse().move(x0, y0);
        page.mouse().down();
        page.mouse().move(x1, y1, new Mouse.MoveOptions().setSteps(8));
        page.mouse().up();
        page.keyboard().up("Shift");
    }


}
