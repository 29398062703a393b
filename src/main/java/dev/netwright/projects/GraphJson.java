package dev.netwright.projects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.netwright.graph.GraphSpec;

/** Reads and writes the graph format ({@code docs/graph-format.md}). */
public final class GraphJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private GraphJson() {
    }

    /** Parses a graph; a malformed document gives an {@link IllegalArgumentException} saying where. */
    public static GraphSpec parse(String json) {
        try {
            GraphSpec g = MAPPER.readValue(json, GraphSpec.class);
            if (g == null) throw new IllegalArgumentException("The graph document is empty");
            return g;
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    /**
     * Parses a document that should be a graph (an import). Unlike {@link #parse}, which fills in what a stored graph
     * may leave out, it refuses, saying why: JSON that is not an object, another {@code format}, a {@code version} that
     * is not a whole number from 1 to {@link GraphSpec#VERSION}, and missing {@code nodes} or {@code edges} arrays (both
     * required by the format, so that {@code {}} is not taken for an empty design).
     */
    public static GraphSpec parseDocument(String json) {
        com.fasterxml.jackson.databind.JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
        if (tree == null || !tree.isObject()) throw new IllegalArgumentException("Not a graph: the document must be a JSON object.");
        com.fasterxml.jackson.databind.JsonNode format = tree.get("format"), version = tree.get("version");
        if (format != null && !GraphSpec.FORMAT.equals(format.asText(null))) {
            throw new IllegalArgumentException("Not a Netwright graph: format is '" + format.asText() + "', expected '" + GraphSpec.FORMAT + "'.");
        }
        if (version != null && (!version.canConvertToInt() || !version.isIntegralNumber() || version.asInt() < 1)) {
            throw new IllegalArgumentException("The graph format version must be a whole number from 1, not " + version + ".");
        }
        if (version != null && version.asInt() > GraphSpec.VERSION) {
            throw new IllegalArgumentException("Graph format version " + version.asInt() + " is newer than this server understands ("
                    + GraphSpec.VERSION + ").");
        }
        java.util.List<String> missing = java.util.stream.Stream.of("nodes", "edges")
                .filter(k -> tree.get(k) == null || !tree.get(k).isArray()).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Not a graph: " + String.join(" and ", missing.stream().map(k -> "'" + k + "'").toList())
                    + (missing.size() == 1 ? " must be an array" : " must be arrays") + " (see docs/graph-format.md).");
        }
        try {
            return MAPPER.treeToValue(tree, GraphSpec.class);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    private static IllegalArgumentException malformed(JsonProcessingException e) {
        return new IllegalArgumentException("Malformed graph JSON: " + e.getOriginalMessage()
                + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
    }

    public static String write(GraphSpec g) {
        try {
            return MAPPER.writeValueAsString(g);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise graph " + g.name(), e);
        }
    }
}
