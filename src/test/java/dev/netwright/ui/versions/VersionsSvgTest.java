package dev.netwright.ui.versions;

import dev.netwright.graph.BlockPort;
import dev.netwright.graph.BlockSpec;
import dev.netwright.graph.Blocks;
import dev.netwright.graph.EdgeSpec;
import dev.netwright.graph.GraphDiff;
import dev.netwright.graph.GraphSpec;
import dev.netwright.graph.NodeSpec;
import dev.netwright.ui.DiffTexts;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The diff drawing: one group per node at its place, status classes per side, escaped ids, instances of changed blocks,
 * the summary text.
 */
class VersionsSvgTest {
    private static final String ODD = "a<b & \"c\"";

    /** A: in → hidden (units 16) → logits → out, with {@code ODD} moved. B: hidden has 32 units, logits replaced by scores. */
    private static final GraphSpec A = graph(List.of(
            node("in", "Input", Map.of("shape", List.of(2)), 0, 0),
            node("hidden", "Dense", Map.of("units", 16), 200, 0),
            node("logits", "Dense", Map.of("units", 4), 400, 0),
            node("out", "Output", Map.of(), 600, 0),
            node(ODD, "ReLU", Map.of(), 200, 200)),
            List.of(edge("e1", "in", "hidden"), edge("e2", "hidden", "logits"), edge("e3", "logits", "out")));
    private static final GraphSpec B = graph(List.of(
            node("in", "Input", Map.of("shape", List.of(2)), 0, 0),
            node("hidden", "Dense", Map.of("units", 32), 200, 0),
            node("scores", "Dense", Map.of("units", 4), 400, 100),
            node("out", "Output", Map.of(), 600, 0),
            node(ODD, "ReLU", Map.of(), 250, 260)),
            List.of(edge("e1", "in", "hidden"), edge("e7", "hidden", "scores"), edge("e8", "scores", "out")));
    private static final GraphDiff DIFF = GraphDiff.between(A, B);
    private static final VersionsSvg.Frame FRAME = VersionsSvg.Frame.around(A, B);

    @Test
    void drawsEveryNodeWithItsStatusOnSideA() throws Exception {
        Document svg = parse(VersionsSvg.draw(A, DIFF, Map.of(), VersionsSvg.Side.A, FRAME, "Version 1 (A)"));
        Map<String, Element> nodes = nodes(svg);
        assertEquals(5, nodes.size());
        assertEquals("removed", nodes.get("logits").getAttribute("data-diff"));
        assertTrue(nodes.get("logits").getAttribute("class").contains("nw-diff-removed"));
        assertEquals("changed", nodes.get("hidden").getAttribute("data-diff"));
        assertTrue(nodes.get("hidden").getAttribute("class").contains("nw-diff-changed"));
        assertEquals("unchanged", nodes.get("in").getAttribute("data-diff"));
        assertEquals("moved", nodes.get(ODD).getAttribute("data-diff"));
        assertEquals("translate(400 0)", nodes.get("logits").getAttribute("transform"));
        // the changed parameter is named in the node's tooltip
        assertEquals("hidden (Dense): units 16 → 32", title(nodes.get("hidden")));
        // the removed connections (to and from logits) are red on A, the kept one plain
        assertEquals(List.of("unchanged", "removed", "removed"), edgeStatuses(svg));
    }

    @Test
    void addedNodesAndEdgesShowOnSideB() throws Exception {
        Document svg = parse(VersionsSvg.draw(B, DIFF, Map.of(), VersionsSvg.Side.B, FRAME, "Version 2 (B)"));
        Map<String, Element> nodes = nodes(svg);
        assertEquals(5, nodes.size());
        assertEquals("added", nodes.get("scores").getAttribute("data-diff"));
        assertTrue(nodes.get("scores").getAttribute("class").contains("nw-diff-added"));
        assertEquals("changed", nodes.get("hidden").getAttribute("data-diff"));
        assertFalse(nodes.containsKey("logits"));
        assertEquals(List.of("unchanged", "added", "added"), edgeStatuses(svg));
        assertEquals(3, svg.getElementsByTagName("path").getLength(), "three edges drawn");
    }

    @Test
    void idsAndTypesAreEscaped() throws Exception {
        String markup = VersionsSvg.draw(A, DIFF, Map.of(), VersionsSvg.Side.A, FRAME, "<script>");
        assertFalse(markup.contains(ODD), "raw id must not appear");
        assertFalse(markup.contains("<script>"));
        assertTrue(markup.contains("data-node=\"a&lt;b &amp; &quot;c&quot;\""), markup);
        // well-formed XML: the parser round-trips the odd id exactly
        Map<String, Element> nodes = nodes(parse(markup));
        assertTrue(nodes.containsKey(ODD));
        assertEquals("<script>", parse(markup).getDocumentElement().getAttribute("aria-label"));
    }

    @Test
    void bothSidesShareOneFrameAroundAllNodes() {
        // x from 0 - 24 to 600 + 150 + 24, y from 0 - 24 to 260 + 56 + 24
        assertEquals(new VersionsSvg.Frame(-24, -24, 798, 364), FRAME);
        assertTrue(VersionsSvg.draw(B, DIFF, Map.of(), VersionsSvg.Side.B, FRAME, "B").contains("viewBox=\"-24 -24 798 364\""));
        assertEquals(new VersionsSvg.Frame(0, 0, 198, 104), VersionsSvg.Frame.around(graph(List.of(), List.of())));
    }

    @Test
    void summaryCountsNodes() {
        assertEquals("1 added, 1 removed, 1 changed, 1 moved", DiffTexts.summary(DIFF, B));
        assertEquals("Connections: 2 added, 2 removed", DiffTexts.edgeSummary(DIFF));
        assertEquals("No changes to the nodes", DiffTexts.summary(GraphDiff.between(A, A), A));
        assertEquals("32", DiffTexts.value(32.0));
        assertEquals("[1, 28, 28]", DiffTexts.value(List.of(1, 28.0, 28)));
        assertEquals("–", DiffTexts.value(null));
    }

    @Test
    void blockDefinitionChangesReadAsALineEach() {
        dev.netwright.graph.BlockSpec stem = new dev.netwright.graph.BlockSpec("Stem", null,
                List.of(new NodeSpec("d", "Dense", Map.of("units", 4), null)), List.of(),
                List.of(new dev.netwright.graph.BlockPort("in0", "d", "in")), List.of(new dev.netwright.graph.BlockPort("out", "d", "out")));
        dev.netwright.graph.BlockSpec wider = new dev.netwright.graph.BlockSpec("Stem", null,
                List.of(new NodeSpec("d", "Dense", Map.of("units", 8), null), new NodeSpec("r", "ReLU", Map.of(), null)),
                List.of(new EdgeSpec("i", new EdgeSpec.PortRef("d", "out"), new EdgeSpec.PortRef("r", "in"))),
                List.of(new dev.netwright.graph.BlockPort("in0", "d", "in")), List.of(new dev.netwright.graph.BlockPort("out", "r", "out")));
        dev.netwright.graph.BlockSpec old = new dev.netwright.graph.BlockSpec("Old", null, List.of(), List.of(), List.of(), List.of());
        GraphSpec a = new GraphSpec(null, 1, "a", List.of(), List.of(), List.of(stem, old));
        GraphSpec b = new GraphSpec(null, 1, "b", List.of(), List.of(), List.of(wider, new dev.netwright.graph.BlockSpec("New", null,
                List.of(new NodeSpec("x", "ReLU", Map.of(), null)), List.of(), List.of(), List.of())));
        assertEquals(List.of("Block New added (1 layer)", "Block Old removed",
                        "Block Stem changed: r (ReLU) added; d changed (units: 4 → 8); connections: 1 added; output out: d → r"),
                DiffTexts.blockLines(GraphDiff.between(a, b)));
        assertTrue(DiffTexts.blockLines(GraphDiff.between(a, a)).isEmpty());
    }

    // ***** block definitions that changed: their instances *****

    /** Block Pair: one Dense "wide" of {@code units}. */
    private static BlockSpec pair(int units) {
        return new BlockSpec("Pair", null, List.of(node("wide", "Dense", Map.of("units", units), 0, 0)), List.of(),
                List.of(new BlockPort("in0", "wide", "in")), List.of(new BlockPort("out", "wide", "out")));
    }

    /** Block Outer: an instance of Pair, its definition the same in both versions. */
    private static final BlockSpec OUTER = new BlockSpec("Outer", null, List.of(Blocks.instance("p", "Pair", new NodeSpec.Position(0, 0))),
            List.of(), List.of(new BlockPort("in0", "p", "in0")), List.of(new BlockPort("out", "p", "out")));

    /** in → pair1 (Pair) → outer1 (Outer) → out, Pair's Dense with {@code units}; outer1 at {@code outerX}, plus {@code extra}. */
    private static GraphSpec blocky(int units, double outerX, NodeSpec... extra) {
        List<NodeSpec> nodes = new ArrayList<>(List.of(node("in", "Input", Map.of("shape", List.of(2)), 0, 0),
                Blocks.instance("pair1", "Pair", new NodeSpec.Position(200, 0)), Blocks.instance("outer1", "Outer", new NodeSpec.Position(outerX, 0)),
                node("out", "Output", Map.of(), 600, 0)));
        nodes.addAll(List.of(extra));
        return new GraphSpec(null, 1, "blocky", nodes, List.of(new EdgeSpec("e1", new EdgeSpec.PortRef("in", "out"), new EdgeSpec.PortRef("pair1", "in0")),
                new EdgeSpec("e2", new EdgeSpec.PortRef("pair1", "out"), new EdgeSpec.PortRef("outer1", "in0")), edge("e3", "outer1", "out")),
                List.of(pair(units), OUTER));
    }

    @Test
    void instancesOfAChangedBlockAreChangedOnBothSidesAndTitledWithTheirBlock() throws Exception {
        GraphSpec a = blocky(16, 400), b = blocky(32, 420, Blocks.instance("pair2", "Pair", new NodeSpec.Position(200, 200)));
        GraphDiff d = GraphDiff.between(a, b);
        Map<String, String> notes = DiffTexts.blockNotes(d, b);
        // outer1 also moved: the block change is what it shows; pair2 is added, which says more than its block
        assertEquals(Map.of("pair1", "block Pair changed: wide changed (units: 16 → 32)", "outer1", "block Outer contains a changed block"), notes);
        VersionsSvg.Frame frame = VersionsSvg.Frame.around(a, b);
        for (VersionsSvg.Side side : VersionsSvg.Side.values()) {
            Map<String, Element> nodes = nodes(parse(VersionsSvg.draw(side == VersionsSvg.Side.A ? a : b, d, notes, side, frame, "x")));
            assertEquals("changed", nodes.get("pair1").getAttribute("data-diff"), side.name());
            assertTrue(nodes.get("pair1").getAttribute("class").contains("nw-diff-changed"));
            assertEquals("pair1 (Pair): block Pair changed: wide changed (units: 16 → 32)", title(nodes.get("pair1")));
            assertEquals("Pair", text(nodes.get("pair1"), "nw-diff-type"), "an instance is titled with its block, not \"Block\"");
            assertEquals("Δ", text(nodes.get("pair1"), "nw-diff-mark"));
            assertEquals("changed", nodes.get("outer1").getAttribute("data-diff"), side.name());
            assertEquals("outer1 (Outer): block Outer contains a changed block", title(nodes.get("outer1")));
            assertEquals("unchanged", nodes.get("in").getAttribute("data-diff"));
        }
        Map<String, Element> after = nodes(parse(VersionsSvg.draw(b, d, notes, VersionsSvg.Side.B, frame, "B")));
        assertEquals("added", after.get("pair2").getAttribute("data-diff"));
        assertEquals("pair2 (Pair): added", title(after.get("pair2")));
        // the summary counts what the drawing marks: two instances changed, the moved one not as moved
        assertEquals("0 added, 0 removed, 2 changed, 0 moved", DiffTexts.summary(GraphDiff.between(a, blocky(32, 420)), blocky(32, 420)));
        assertEquals("1 added, 0 removed, 2 changed, 0 moved", DiffTexts.summary(d, b));
        // the same definitions: nothing changed through a block, a move is a move
        GraphDiff moved = GraphDiff.between(a, blocky(16, 420));
        assertTrue(DiffTexts.blockNotes(moved, blocky(16, 420)).isEmpty());
        assertEquals("No changes to the nodes, 1 moved", DiffTexts.summary(moved, blocky(16, 420)));
        assertEquals("moved", nodes(parse(VersionsSvg.draw(a, moved, Map.of(), VersionsSvg.Side.A, frame, "A"))).get("outer1").getAttribute("data-diff"));
    }

    // ------------------------------------------------------------------ helpers

    private static String text(Element g, String cssClass) {
        NodeList texts = g.getElementsByTagName("text");
        for (int i = 0; i < texts.getLength(); i++) {
            Element t = (Element) texts.item(i);
            if (t.getAttribute("class").equals(cssClass)) return t.getTextContent();
        }
        return null;
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, Element> nodes(Document svg) {
        Map<String, Element> m = new LinkedHashMap<>();
        NodeList gs = svg.getElementsByTagName("g");
        for (int i = 0; i < gs.getLength(); i++) {
            Element g = (Element) gs.item(i);
            if (g.hasAttribute("data-node")) m.put(g.getAttribute("data-node"), g);
        }
        return m;
    }

    private static List<String> edgeStatuses(Document svg) {
        List<String> out = new ArrayList<>();
        NodeList paths = svg.getElementsByTagName("path");
        for (int i = 0; i < paths.getLength(); i++) out.add(((Element) paths.item(i)).getAttribute("data-diff"));
        return out;
    }

    private static String title(Element g) {
        return g.getElementsByTagName("title").item(0).getTextContent();
    }

    private static NodeSpec node(String id, String type, Map<String, Object> params, double x, double y) {
        return new NodeSpec(id, type, params, new NodeSpec.Position(x, y));
    }

    private static EdgeSpec edge(String id, String from, String to) {
        return new EdgeSpec(id, new EdgeSpec.PortRef(from, "out"), new EdgeSpec.PortRef(to, "in"));
    }

    private static GraphSpec graph(List<NodeSpec> nodes, List<EdgeSpec> edges) {
        return new GraphSpec(null, 0, "test", nodes, edges);
    }
}
