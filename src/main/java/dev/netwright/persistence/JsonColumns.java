package dev.netwright.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes and reads the JSON kept in text columns (run configurations, data set metadata, evaluation reports). What
 * the application wrote is expected to read back, so a failure is a bug or a damaged database: it says which column.
 */
@ApplicationScoped
public class JsonColumns {
    private final ObjectMapper json;

    public JsonColumns(ObjectMapper json) {
        this.json = json;
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** @param what the column, for the message (e.g. "run configuration") */
    public <T> T read(String text, Class<T> type, String what) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored " + what + " is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
