package dev.netwright.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.netwright.graph.GraphEdit;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * JSON of a fix's edits ({@link GraphEdit}): {@code {"op": "insert", "edgeId", "nodeId", "type", "params"}},
 * {@code {"op": "setParam", "nodeId", "param", "value"}}, {@code {"op": "remove", "nodeId"}}. The graph package stays
 * free of JSON annotations, so the type names live here as a mix-in.
 */
@Singleton
public class GraphEditJson implements ObjectMapperCustomizer {

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = GraphEdit.InsertNode.class, name = "insert"),
            @JsonSubTypes.Type(value = GraphEdit.SetParam.class, name = "setParam"),
            @JsonSubTypes.Type(value = GraphEdit.RemoveNode.class, name = "remove")})
    interface EditMixIn {
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.addMixIn(GraphEdit.class, EditMixIn.class);
    }
}
