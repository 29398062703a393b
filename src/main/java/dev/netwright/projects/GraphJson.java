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
            throw new IllegalArgumentException("Malformed graph JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        }
    }

    public static String write(GraphSpec g) {
        try {
            return MAPPER.writeValueAsString(g);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise graph " + g.name(), e);
        }
    }
}
