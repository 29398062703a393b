package dev.netwright.graph;

import java.util.List;

/**
 * A named sub-network of a design ({@code GraphSpec.blocks}): its own nodes and edges, and the ports through which the
 * rest of the design reaches them. A node of type {@value Blocks#TYPE} with param {@code block: <name>} is an instance;
 * every instance refers to the one definition by name, so changing the definition changes them all.
 *
 * @param name        unique among the design's blocks; what instances name in their {@code block} param
 * @param description optional text for the palette
 * @param nodes       the inner layers (positions relative to the block's own origin); instances of other blocks allowed
 * @param edges       connections between inner nodes
 * @param inputs      block input ports ("in0", "in1", ...) and the inner input ports they feed: one entry per inner
 *                    port, so a name listed twice is one port feeding two inner ports (a residual block's skip)
 * @param outputs     block output ports ("out", or "out0", "out1", ...), each mapped to one inner node's output port
 */
public record BlockSpec(String name, String description, List<NodeSpec> nodes, List<EdgeSpec> edges,
                        List<BlockPort> inputs, List<BlockPort> outputs) {
    public BlockSpec {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        edges = edges == null ? List.of() : List.copyOf(edges);
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
    }

    /** The instance's input port names, in order, each once. */
    public List<String> inputNames() {
        return inputs.stream().map(BlockPort::name).distinct().toList();
    }

    /** The instance's output port names, in order. */
    public List<String> outputNames() {
        return outputs.stream().map(BlockPort::name).toList();
    }
}
