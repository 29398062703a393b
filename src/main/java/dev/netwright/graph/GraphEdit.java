package dev.netwright.graph;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One change to a design, as a suggested fix carries it ({@link GraphFix}) and {@link GraphFixes#apply} performs it.
 * Edits name nodes and edges by id, so a fix computed for one graph applies to that graph.
 */
public sealed interface GraphEdit permits GraphEdit.InsertNode, GraphEdit.SetParam, GraphEdit.RemoveNode {

    /**
     * Puts a new node of {@code type} on edge {@code edgeId}: the edge now ends at the new node's port "in" (it keeps
     * its id) and a new edge runs from the new node to the port the edge used to reach.
     *
     * @param edgeId the edge to split
     * @param nodeId the new node's id; null: a free id derived from the type ("reshape", "reshape_2", ...)
     * @param type   a single-input layer type ("Reshape", "Flatten", "Dense", ...)
     * @param params the new node's parameters
     */
    record InsertNode(String edgeId, String nodeId, String type, Map<String, Object> params) implements GraphEdit {
        public InsertNode {
            params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }
    }

    /** Sets parameter {@code param} of node {@code nodeId} to {@code value} (a JSON value; null removes it: default). */
    record SetParam(String nodeId, String param, Object value) implements GraphEdit {
    }

    /**
     * Removes node {@code nodeId} and connects the node feeding its single input to every port it fed. A node with
     * several connected inputs cannot be removed this way.
     */
    record RemoveNode(String nodeId) implements GraphEdit {
    }
}
