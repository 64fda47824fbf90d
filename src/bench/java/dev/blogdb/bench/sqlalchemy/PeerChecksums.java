package dev.blogdb.bench.sqlalchemy;

import dev.blogdb.post.Post;
import dev.blogdb.post.PostWithAuthor;
import dev.blogdb.post.UserWithPosts;
import dev.blogdb.user.User;
import dev.blogdb.user.UserDeletion;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checksums {@code src/bench/python/sqlalchemy_side.py} prints for each workload's result,
 * computed here from blogdb's records, so that a peer outside the JVM can be checked against
 * blogdb without shipping its whole result back. Each is a few counts and ids plus "sha256": the
 * first 16 hex digits of a SHA-256 over one line per user ({@code u<id>|<email>|<created_at in epoch
 * microseconds>}) and per post ({@code p<id>|<author id>|<title>|<content>|<published>|<created_at>}),
 * in result order, joined by newlines. Values are strings, as {@link PeerSqlAlchemy} reads them.
 */
public final class PeerChecksums {

    private PeerChecksums() {}

    /** W1's. */
    public static Map<String, String> users(List<UserWithPosts> users) {
        List<String> lines = new ArrayList<>();
        int posts = 0;
        for (UserWithPosts user : users) {
            lines.add(line(user.user()));
            for (Post post : user.posts()) {
                lines.add(line(post));
            }
            posts += user.posts().size();
        }
        Map<String, String> checksum = new LinkedHashMap<>();
        checksum.put("users", String.valueOf(users.size()));
        checksum.put("posts", String.valueOf(posts));
        checksum.put(
                "first",
                users.isEmpty()
                        ? "null"
                        : String.valueOf(users.get(0).user().id().value()));
        checksum.put(
                "last",
                users.isEmpty()
                        ? "null"
                        : String.valueOf(users.get(users.size() - 1).user().id().value()));
        checksum.put("sha256", sha256(lines));
        return checksum;
    }

    /** W2's. */
    public static Map<String, String> feed(List<PostWithAuthor> page) {
        List<String> lines = new ArrayList<>();
        for (PostWithAuthor post : page) {
            lines.add(line(post.post()));
            lines.add(line(post.author()));
        }
        Map<String, String> checksum = new LinkedHashMap<>();
        checksum.put("posts", String.valueOf(page.size()));
        checksum.put(
                "first",
                page.isEmpty() ? "null" : String.valueOf(page.get(0).post().id().value()));
        checksum.put(
                "last",
                page.isEmpty()
                        ? "null"
                        : String.valueOf(page.get(page.size() - 1).post().id().value()));
        checksum.put("sha256", sha256(lines));
        return checksum;
    }

    /** W3's and W3b's. */
    public static Map<String, String> deletion(UserDeletion deletion) {
        Map<String, String> checksum = new LinkedHashMap<>();
        checksum.put("user", String.valueOf(deletion.user().id().value()));
        checksum.put("posts", String.valueOf(deletion.postsDeleted()));
        checksum.put("sha256", sha256(List.of(line(deletion.user()), "n" + deletion.postsDeleted())));
        return checksum;
    }

    /** W4's. */
    public static Map<String, String> inserted(int count) {
        return Map.of("inserted", String.valueOf(count));
    }

    private static String line(User user) {
        return "u" + user.id().value() + "|" + user.email() + "|" + micros(user.createdAt());
    }

    private static String line(Post post) {
        return "p" + post.id().value() + "|" + post.authorId().value() + "|" + post.title() + "|" + post.content() + "|"
                + post.published() + "|" + micros(post.createdAt());
    }

    private static long micros(OffsetDateTime moment) {
        return moment.toEpochSecond() * 1_000_000L + moment.getNano() / 1_000;
    }

    private static String sha256(List<String> lines) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
