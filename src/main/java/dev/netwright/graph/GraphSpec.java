package dev.netwright.graph;

import java.util.List;
import java.util.Optional;

/**
 * A network design as the canvas edits it and the server stores it (format documented in
 * {@code docs/graph-format.md}, schema in {@code docs/graph-format.schema.json}).
 *
 * @param format  always {@value #FORMAT}
 * @param version format version, {@value #VERSION}
 * @param name    display name
 * @param nodes   layers with their parameters and canvas positions
 * @param edges   connections from an output port to an input port
 * @param blocks  block definitions ({@link BlockSpec}) that nodes of type {@value Blocks#TYPE} instantiate; optional
 */
public record GraphSpec(String format, int version, String name, List<NodeSpec> nodes, List<EdgeSpec> edges,
                        List<BlockSpec> blocks) {
    public static final String FORMAT = "netwright.graph";
    public static final int VERSION = 1;

    public GraphSpec {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        edges = edges == null ? List.of() : List.copyOf(edges);
        blocks = blocks == null ? List.of() : List.copyOf(blocks);
        format = format == null ? FORMAT : format;
        version = version == 0 ? VERSION : version;
    }

    /** A design without blocks (the format before blocks existed). */
    public GraphSpec(String format, int version, String name, List<NodeSpec> nodes, List<EdgeSpec> edges) {
        this(format, version, name, nodes, edges, List.of());
    }

    /** The same design with other nodes and edges (its blocks kept). */
    public GraphSpec with(List<NodeSpec> nodes, List<EdgeSpec> edges) {
        return new GraphSpec(format, version, name, nodes, edges, blocks);
    }

    public Optional<BlockSpec> block(String blockName) {
        return blocks.stream().filter(b -> b.name().equals(blockName)).findFirst();
    }

    public Optional<NodeSpec> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }
}
