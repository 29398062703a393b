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
 */
public record GraphSpec(String format, int version, String name, List<NodeSpec> nodes, List<EdgeSpec> edges) {
    public static final String FORMAT = "netwright.graph";
    public static final int VERSION = 1;

    public GraphSpec {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        edges = edges == null ? List.of() : List.copyOf(edges);
        format = format == null ? FORMAT : format;
        version = version == 0 ? VERSION : version;
    }

    public Optional<NodeSpec> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }
}
