package dev.blogdb.cli;

import dev.blogdb.core.Page;
import dev.blogdb.migration.Changeset;
import dev.blogdb.migration.Finding;
import dev.blogdb.post.Post;
import dev.blogdb.post.PostWithAuthor;
import dev.blogdb.replica.ReplicaState;
import dev.blogdb.user.User;

import java.io.PrintWriter;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * blogdb's values as JSON for scripts, in one shape wherever they appear. Ids are numbers,
 * timestamps ISO 8601 strings in UTC to the microsecond, and a page is
 * {@code {"items": [...], "nextCursor": "..." or null}}.
 */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** A new, empty object. */
    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** {@code {"id", "email", "createdAt"}}. */
    static ObjectNode user(User user) {
        return object().put("id", user.id().value())
                .put("email", user.email())
                .put("createdAt", time(user.createdAt()));
    }

    /** {@code {"id", "authorId", "title", "content", "published", "createdAt"}}. */
    static ObjectNode post(Post post) {
        return object().put("id", post.id().value())
                .put("authorId", post.authorId().value())
                .put("title", post.title())
                .put("content", post.content())
                .put("published", post.published())
                .put("createdAt", time(post.createdAt()));
    }

    /** A post, with its author as {@code "author"}. */
    static ObjectNode postWithAuthor(PostWithAuthor item) {
        ObjectNode post = post(item.post());
        post.set("author", user(item.author()));
        return post;
    }

    /** {@code {"changelog", "id", "author"}}. */
    static ObjectNode changeset(Changeset changeset) {
        return object().put("changelog", changeset.changelog())
                .put("id", changeset.id())
                .put("author", changeset.author());
    }

    /** The values as an array, each made by {@code toJson}. */
    static ObjectNode finding(Finding finding) {
        ObjectNode json = object();
        json.put("kind", finding.kind().name());
        json.put("subject", finding.subject());
        json.put("detail", finding.detail());
        return json;
    }

    static ObjectNode replica(ReplicaState replica) {
        ObjectNode node = object().put("url", replica.url())
                .put("available", replica.available())
                .put("replayed", replica.replayed())
                .put("reads", replica.reads());
        replica.lag().ifPresentOrElse(lag -> node.put("lagMillis", lag.toMillis()), () -> node.putNull("lagMillis"));
        replica.problem().ifPresentOrElse(problem -> node.put("problem", problem), () -> node.putNull("problem"));
        return node;
    }

    static <T> ArrayNode array(List<T> values, Function<T, ? extends JsonNode> toJson) {
        ArrayNode array = MAPPER.createArrayNode();
        values.forEach(value -> array.add(toJson.apply(value)));
        return array;
    }

    /** {@code {"items": [...], "nextCursor": ...}}. */
    static <T> ObjectNode page(Page<T> page, Function<T, ? extends JsonNode> toJson) {
        ObjectNode node = object();
        node.set("items", array(page.items(), toJson));
        node.put("nextCursor", page.nextCursor().orElse(null));
        return node;
    }

    /** Prints the value, indented for people who read it too. */
    static void print(PrintWriter out, JsonNode value) {
        try {
            out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that cannot be written: " + e.getMessage(), e);
        }
    }

    private static String time(OffsetDateTime timestamp) {
        return timestamp.toInstant().toString();
    }
}
