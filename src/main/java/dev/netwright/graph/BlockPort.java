package dev.netwright.graph;

/**
 * A port of a block ({@link BlockSpec}): the name an instance shows ("in0", "out") and the inner node's port it
 * stands for ({@code node} "dense1", {@code port} "in"; always "out" for an output).
 */
public record BlockPort(String name, String node, String port) {
}
