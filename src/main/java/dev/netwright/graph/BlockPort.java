package dev.netwright.graph;

/**
 * A port of a block ({@link BlockSpec}): the name an instance shows ("in0", "out") and the inner node's port it
 * stands for ({@code node} "dense1", {@code port} "in"; for an output "out", or the port of an inner block instance,
 * "out1"). An input feeding several inner ports is one {@code BlockPort} per inner port, all with its name.
 */
public record BlockPort(String name, String node, String port) {
}
