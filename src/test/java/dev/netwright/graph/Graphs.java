package dev.netwright.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test helper: builds graphs tersely. */
public final class Graphs {
    private final List<NodeSpec> nodes = new ArrayList<>();
    private final List<EdgeSpec> edges = new ArrayList<>();

    public static Graphs graph() {
        return new Graphs();
    }

    public Graphs node(String id, String type, Map<String, Object> params) {
        nodes.add(new NodeSpec(id, type, params, null));
        return this;
    }

    public Graphs edge(String from, String to) {
        return edge(from, to, "in");
    }

    public Graphs edge(String from, String to, String port) {
        edges.add(new EdgeSpec("e" + (edges.size() + 1), new EdgeSpec.PortRef(from, "out"), new EdgeSpec.PortRef(to, port)));
        return this;
    }

    public GraphSpec build() {
        return new GraphSpec(null, 1, "test", nodes, edges);
    }

    /** Input [2] → Dense 4 tanh → Dense 1 sigmoid → Output bce. */
    public static GraphSpec xor() {
        return graph().node("in", "Input", Map.of("shape", List.of(2)))
                .node("h", "Dense", Map.of("units", 4, "activation", "tanh"))
                .node("p", "Dense", Map.of("units", 1, "activation", "sigmoid"))
                .node("out", "Output", Map.of("loss", "bce"))
                .edge("in", "h").edge("h", "p").edge("p", "out").build();
    }
}
