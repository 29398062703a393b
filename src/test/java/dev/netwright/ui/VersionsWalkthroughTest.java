package dev.netwright.ui;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.netwright.ui.Chromium.screenshot;
import static dev.netwright.ui.Chromium.screenshotFullPage;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The versions page in the browser: two saved versions of the blobs design (a Dense widened, a node replaced) are
 * compared visually (summary, coloured SVG nodes, the changed parameter); "Your name" is set in the top bar, then
 * version 1 is restored as version 3 signed with that name, which the browser keeps across reloads and a new session.
 * Two versions that differ only in a block definition mark the block's instance changed, titled with the block's name.
 */
@QuarkusTest
class VersionsWalkthroughTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    /** Version 2: hidden has 32 units instead of 16, logits is replaced by scores (one added, one removed, one changed). */
    private static final String VERSION_2 = """
            {"format": "netwright.graph", "version": 1, "name": "Blobs classifier",
             "nodes": [
               {"id": "input", "type": "Input", "params": {"shape": [2]}, "position": {"x": 40, "y": 120}},
               {"id": "hidden", "type": "Dense", "params": {"units": 32, "activation": "relu", "init": "he_uniform"}, "position": {"x": 300, "y": 120}},
               {"id": "scores", "type": "Dense", "params": {"units": 4}, "position": {"x": 560, "y": 240}},
               {"id": "output", "type": "Output", "params": {"loss": "cross_entropy"}, "position": {"x": 820, "y": 120}}],
             "edges": [
               {"id": "e1", "from": {"node": "input", "port": "out"}, "to": {"node": "hidden", "port": "in"}},
               {"id": "e4", "from": {"node": "hidden", "port": "out"}, "to": {"node": "scores", "port": "in"}},
               {"id": "e5", "from": {"node": "scores", "port": "out"}, "to": {"node": "output", "port": "in"}}]}
            """;

    /** Input → pair1, an instance of block Pair (a Dense "wide" of {@code units}) → Output. */
    private static String withPair(int units) {
        return """
                {"format": "netwright.graph", "version": 1, "name": "Paired",
                 "nodes": [
                   {"id": "input", "type": "Input", "params": {"shape": [2]}, "position": {"x": 0, "y": 0}},
                   {"id": "pair1", "type": "Block", "params": {"block": "Pair"}, "position": {"x": 260, "y": 0}},
                   {"id": "output", "type": "Output", "params": {"loss": "mse"}, "position": {"x": 520, "y": 0}}],
                 "edges": [
                   {"id": "e1", "from": {"node": "input", "port": "out"}, "to": {"node": "pair1", "port": "in0"}},
                   {"id": "e2", "from": {"node": "pair1", "port": "out"}, "to": {"node": "output", "port": "in"}}],
                 "blocks": [
                   {"name": "Pair", "description": null,
                    "nodes": [{"id": "wide", "type": "Dense", "params": {"units": %d}, "position": {"x": 0, "y": 0}}],
                    "edges": [],
                    "inputs": [{"name": "in0", "node": "wide", "port": "in"}],
                    "outputs": [{"name": "out", "node": "wide", "port": "out"}]}]}
                """.formatted(units);
    }

    @TestHTTPResource("/")
    URL base;

    /** The versions grid's cell that holds exactly {@code text}. */
    private static Locator authorCell(Page page, String text) {
        return page.locator("vaadin-grid-cell-content").filter(new Locator.FilterOptions()
                .setHasText(Pattern.compile("^" + text.replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "\\\\$0") + "$")));
    }

    @Test
    void anInstanceOfAChangedBlockIsMarkedChangedAndTitledWithItsBlock() throws Exception {
        long project = given().contentType(ContentType.JSON).body(Map.of("name", "Block versions"))
                .post("/api/projects").then().statusCode(201).extract().jsonPath().getLong("id");
        for (int units : new int[]{16, 32}) {
            given().contentType(ContentType.JSON).body(withPair(units)).post("/api/projects/" + project + "/models").then().statusCode(201);
        }
        chromium.walk("versions-block", 1440, 900, page -> {
            page.navigate(base + "projects/" + project + "/versions");
            assertThat(page.locator(".nw-diff-summary")).hasText("Version 1 → version 2: 0 added, 0 removed, 1 changed, 0 moved. Connections unchanged.");
            assertThat(page.locator(".nw-diff-blocks")).hasText("Block Pair changed: wide changed (units: 16 → 32)");
            for (String side : List.of("A", "B")) {
                Locator instance = page.locator("svg[data-side=" + side + "] g[data-node=pair1]");
                assertThat(instance).hasAttribute("data-diff", "changed");
                assertThat(instance.locator(".nw-diff-type")).hasText("Pair");
                assertThat(instance.locator("title")).hasText("pair1 (Pair): block Pair changed: wide changed (units: 16 → 32)");
            }
            assertThat(page.locator(".nw-diff-params td")).hasText(new String[]{"wide in block Pair", "units", "16 → 32"});
        });
    }

    @Test
    void diffTwoVersionsThenRestoreTheFirst() throws Exception {
        long project = given().contentType(ContentType.JSON).body(Map.of("name", "Versions walkthrough"))
                .post("/api/projects").then().statusCode(201).extract().jsonPath().getLong("id");
        String blobs = given().get("/api/templates/blobs").then().statusCode(200).extract().asString();
        given().contentType(ContentType.JSON).header("X-Netwright-Author", "Grace Hopper").body(blobs)
                .post("/api/projects/" + project + "/models").then().statusCode(201);
        given().contentType(ContentType.JSON).body(VERSION_2).post("/api/projects/" + project + "/models").then().statusCode(201);
        String defaultAuthor = System.getProperty("user.name").strip(); // no header: the server's default

        chromium.walk("versions", 1440, 900, page -> {
            BrowserContext context = page.context();
            page.navigate(base + "projects/" + project + "/versions");
            assertThat(page.locator("h2")).hasText("Versions of Versions walkthrough");
            assertThat(page.locator(".nw-diff-summary")).containsText("Version 1 → version 2: 1 added, 1 removed, 1 changed");

            Locator a = page.locator("svg[data-side=A]"), b = page.locator("svg[data-side=B]");
            assertThat(a.locator("g[data-node]")).hasCount(4);
            assertThat(b.locator("g[data-node]")).hasCount(4);
            assertThat(a.locator("g[data-node=logits]")).hasAttribute("data-diff", "removed");
            assertThat(b.locator("g[data-node=scores]")).hasAttribute("data-diff", "added");
            assertThat(a.locator("g[data-node=hidden]")).hasAttribute("data-diff", "changed");
            assertThat(b.locator("g[data-node=hidden]")).hasAttribute("data-diff", "changed");
            assertThat(b.locator("g[data-node=hidden] title")).hasText("hidden (Dense): units 16 → 32");
            assertThat(a.locator("path[data-diff=removed]")).hasCount(2);
            assertThat(b.locator("path[data-diff=added]")).hasCount(2);

            Locator units = page.locator(".nw-diff-params tr", new Page.LocatorOptions().setHasText("units"));
            assertThat(units.locator("td")).hasText(new String[]{"hidden", "units", "16 → 32"});
            screenshotFullPage(page, "versions-diff.png");

            // who saved what: the Author column, the diff's captions
            assertThat(authorCell(page, "Grace Hopper")).hasCount(1);
            assertThat(authorCell(page, defaultAuthor)).hasCount(1);
            assertThat(page.locator(".nw-diff-pane[data-side=A] .nw-diff-caption")).containsText("by Grace Hopper");

            // "Your name" in the top bar: the server's default until this browser sets one
            Locator you = page.locator("vaadin-button.nw-author");
            assertThat(you).hasAttribute("aria-label", "Your name: " + defaultAuthor + ". Change it");
            you.click();
            Locator dialog = page.getByRole(AriaRole.DIALOG);
            Locator name = dialog.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true));
            assertThat(name).hasValue("");
            name.fill("  Ada Lovelace ");
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save").setExact(true)).click();
            assertThat(dialog).hasCount(0);
            assertThat(you).containsText("Ada Lovelace");
            assertThat(you).hasAttribute("aria-label", "Your name: Ada Lovelace. Change it");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Restore version 1").setExact(true)).first().click();
            page.locator("vaadin-confirm-dialog vaadin-button", new Page.LocatorOptions().setHasText("Restore version 1")).click();
            assertThat(page.locator(".nw-restored")).containsText("Version 1 restored as version 3.");
            assertThat(page.locator("vaadin-grid")).containsText("Version 3");
            assertThat(page.locator("vaadin-grid")).containsText("Blobs classifier (restored from version 1)");
            // the new default comparison is version 2 → 3: the restore undid version 2's changes
            assertThat(page.locator(".nw-diff-summary")).containsText("Version 2 → version 3: 1 added, 1 removed, 1 changed");
            assertThat(authorCell(page, "Ada Lovelace")).hasCount(1);
            assertThat(page.locator(".nw-diff-pane[data-side=B] .nw-diff-caption")).containsText("by Ada Lovelace");
            screenshot(page, "versions-author.png");

            page.locator(".nw-restored a", new Page.LocatorOptions().setHasText("Open in the editor")).click();
            assertThat(page).hasURL(Pattern.compile("/projects/" + project + "$"));
            assertThat(page.getByText(Pattern.compile("^Version 3 · saved just now by Ada Lovelace$"))).isVisible();
            // the browser keeps the name: after a reload (here the editor), and in a new session (a server restart) from its cookie
            assertTrue(context.cookies().stream().anyMatch(c -> c.name.equals("netwright-author") && c.value.equals("Ada+Lovelace")
                    && c.path.equals("/") && c.expires > System.currentTimeMillis() / 1000.0 + 360 * 24 * 3600),
                    () -> "cookies: " + context.cookies().stream().map(c -> c.name + "=" + c.value).toList());
            page.reload();
            assertThat(you).hasAttribute("aria-label", "Your name: Ada Lovelace. Change it");
            List<Cookie> keep = context.cookies().stream().filter(c -> !c.name.equalsIgnoreCase("JSESSIONID")).toList();
            assertEquals(context.cookies().size() - 1, keep.size(), "the session cookie is there to drop");
            context.clearCookies();
            context.addCookies(keep);
            page.reload();
            assertThat(you).hasAttribute("aria-label", "Your name: Ada Lovelace. Change it");
            you.click();
            assertThat(dialog.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true))).hasValue("Ada Lovelace");
            dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel")).click();
            assertThat(dialog).hasCount(0);
        });
    }
}
