package dev.netwright.ui.versions;

import com.vaadin.flow.dom.Element;
import dev.netwright.graph.BlockPort;
import dev.netwright.graph.BlockSpec;
import dev.netwright.graph.Blocks;
import dev.netwright.graph.EdgeSpec;
import dev.netwright.graph.GraphSpec;
import dev.netwright.graph.NodeSpec;
import dev.netwright.projects.ModelVersionView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The versions page's diff without a browser: what it says and draws when only a block definition changed. */
class VersionDiffTest {

    /** in → pair1, an instance of block Pair (one Dense "wide" of {@code units}) → out. */
    private static ModelVersionView version(int number, int units) {
        BlockSpec pair = new BlockSpec("Pair", null, List.of(new NodeSpec("wide", "Dense", Map.of("units", units), new NodeSpec.Position(0, 0))),
                List.of(), List.of(new BlockPort("in0", "wide", "in")), List.of(new BlockPort("out", "wide", "out")));
        GraphSpec g = new GraphSpec(null, 1, "v" + number, List.of(
                new NodeSpec("in", "Input", Map.of("shape", List.of(2)), new NodeSpec.Position(0, 0)),
                Blocks.instance("pair1", "Pair", new NodeSpec.Position(200, 0)),
                new NodeSpec("out", "Output", Map.of(), new NodeSpec.Position(400, 0))),
                List.of(new EdgeSpec("e1", new EdgeSpec.PortRef("in", "out"), new EdgeSpec.PortRef("pair1", "in0")),
                        new EdgeSpec("e2", new EdgeSpec.PortRef("pair1", "out"), new EdgeSpec.PortRef("out", "in"))),
                List.of(pair));
        return new ModelVersionView(number, 1, number, "v" + number, g, Instant.EPOCH, false, "Ada");
    }

    @Test
    void aChangedBlockDefinitionMarksItsInstanceAndListsTheInnerParameter() {
        VersionDiff diff = new VersionDiff();
        diff.show(version(1, 16), version(2, 32));

        assertEquals("Version 1 → version 2: 0 added, 0 removed, 1 changed, 0 moved. Connections unchanged.", text(diff, "nw-diff-summary"));
        assertEquals("Block Pair changed: wide changed (units: 16 → 32)", text(diff, "nw-diff-blocks"));
        for (String side : List.of("A", "B")) {
            String svg = svg(diff, side);
            assertTrue(svg.contains("data-diff=\"changed\" data-node=\"pair1\""), svg);
            assertTrue(svg.contains("<title>pair1 (Pair): block Pair changed: wide changed (units: 16 → 32)</title>"), svg);
            assertTrue(svg.contains("<text class=\"nw-diff-type\" x=\"75\" y=\"24\">Pair</text>"), svg);
        }
        // the changed parameter is inside the definition: one row, named by the layer and its block
        Element params = find(diff.getElement(), "nw-diff-params").getFirst();
        assertTrue(params.isVisible());
        List<Element> cells = params.getChildren().filter(e -> e.getTag().equals("table")).findFirst().orElseThrow()
                .getChildren().skip(1).flatMap(Element::getChildren).toList();
        assertEquals(List.of("wide in block Pair", "units", "16 → 32"), cells.stream().map(Element::getText).toList());

        diff.show(version(1, 16), version(3, 16));
        assertEquals("Version 1 → version 3: No changes to the nodes. Connections unchanged.", text(diff, "nw-diff-summary"));
        assertTrue(svg(diff, "B").contains("data-diff=\"unchanged\" data-node=\"pair1\""));
        assertTrue(!find(diff.getElement(), "nw-diff-params").getFirst().isVisible(), "no parameter changed");
    }

    private static String text(VersionDiff diff, String cssClass) {
        return find(diff.getElement(), cssClass).getFirst().getTextRecursively();
    }

    private static String svg(VersionDiff diff, String side) {
        return find(diff.getElement(), "nw-diff-pane").stream().filter(p -> side.equals(p.getAttribute("data-side"))).findFirst().orElseThrow()
                .getChildren().filter(e -> e.getClassList().contains("nw-diff-drawing")).findFirst().orElseThrow().getProperty("innerHTML");
    }

    private static List<Element> find(Element root, String cssClass) {
        List<Element> out = new ArrayList<>();
        if (root.getClassList().contains(cssClass)) out.add(root);
        root.getChildren().forEach(c -> out.addAll(find(c, cssClass)));
        return out;
    }
}
