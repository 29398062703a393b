package dev.netwright.graph;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One layer on the canvas.
 *
 * @param id       unique within the graph; problems and shapes are reported against it
 * @param type     a layer type of {@link dev.netwright.graph.layer.LayerCatalog} ("Dense", "ReLU", ...)
 * @param params   the layer's parameters (JSON values); missing ones take the catalog's defaults
 * @param position where the node sits on the canvas (ignored by the engine)
 */
public record NodeSpec(String id, String type, Map<String, Object> params, Position position) {
    public NodeSpec {
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        position = position == null ? new Position(0, 0) : position;
    }

    /** Canvas coordinates in pixels. */
    public record Position(double x, double y) {
    }
}
