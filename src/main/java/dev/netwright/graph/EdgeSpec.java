package dev.netwright.graph;

/**
 * A connection from one node's output port to another node's input port.
 *
 * @param id   unique within the graph (the canvas shows the tensor shape on it)
 * @param from source port, e.g. {@code {"node": "dense1", "port": "out"}}
 * @param to   target port, e.g. {@code {"node": "out", "port": "in"}}
 */
public record EdgeSpec(String id, PortRef from, PortRef to) {
    /** A port of a node: output ports are named "out", input ports "in" (or "in0", "in1", ... on merge layers). */
    public record PortRef(String node, String port) {
    }
}
