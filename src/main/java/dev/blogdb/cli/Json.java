package dev.blogdb.cli;

import dev.blogdb.db.Changeset;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * blogdb's values as JSON for scripts, in one shape wherever they appear.
 */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** A new, empty object. */
    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** {@code {"changelog", "id", "author"}}. */
    static ObjectNode changeset(Changeset changeset) {
        return object()
                .put("changelog", changeset.changelog())
                .put("id", changeset.id())
                .put("author", changeset.author());
    }

    /** The values as an array, each made by {@code toJson}. */
    static <T> ArrayNode array(List<T> values, Function<T, ? extends JsonNode> toJson) {
        ArrayNode array = MAPPER.createArrayNode();
        values.forEach(value -> array.add(toJson.apply(value)));
        return array;
    }

    /** Prints the value, indented for people who read it too. */
    static void print(PrintWriter out, JsonNode value) {
        try {
            out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that cannot be written: " + e.getMessage(), e);
        }
    }
}
