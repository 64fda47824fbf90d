package dev.blogdb.bench;

import dev.blogdb.user.PasswordHasher;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The benchmark's data: {@code users} users with {@code postsPerUser} posts each, plus one prolific
 * user with {@code prolificPosts}. Titles are about 40 characters, contents about 400, every 5th
 * post is unpublished, and creation times interleave the authors, as a real feed would. Loaded with
 * PostgreSQL's COPY into an empty, migrated database.
 *
 * @param users         ordinary users
 * @param postsPerUser  posts of each ordinary user
 * @param prolificPosts posts of the one prolific user (the last user)
 */
public record DataSet(int users, int postsPerUser, int prolificPosts) {

    /** What the README's figures are measured on. */
    public static final DataSet FULL = new DataSet(2_000, 50, 10_000);
    /** What the test suite runs the harness on, so that it cannot rot. */
    public static final DataSet TINY = new DataSet(60, 5, 120);

    private static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");
    private static final String CONTENT = ("Keyset pagination reads the next page after the last row seen, so a deep page "
            + "costs what the first one does. ").repeat(4).substring(0, 400);

    /** All posts. */
    public int posts() {
        return users * postsPerUser + prolificPosts;
    }

    /** Loads the data; returns how long it took in milliseconds. */
    public long load(Connection connection) throws SQLException {
        long start = System.nanoTime();
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        String hash = PasswordHasher.standard().hash("benchmark password");
        StringBuilder users = new StringBuilder();
        for (int u = 1; u <= this.users + 1; u++) {
            users.append("user").append(u).append("@example.com,\"").append(hash).append("\"\n"); // the hash has commas
        }
        copyIn(copy, "COPY users (email, password_hash) FROM STDIN (FORMAT csv)", users);

        // Fresh identity: the users are 1..users+1, the prolific one last.
        StringBuilder posts = new StringBuilder();
        int total = posts();
        for (int i = 0; i < total; i++) {
            long author = i < this.users * postsPerUser ? 1 + i % this.users : this.users + 1;
            posts.append(author).append(",\"Post ").append(String.format("%07d", i)).append(" on keyset pagination and jOOQ\",\"")
                    .append(CONTENT).append("\",").append(i % 5 != 4).append(',')
                    .append(EPOCH.plusSeconds(i * 37L + i % 7)).append('\n');
            if (posts.length() > 8_000_000) {
                copyIn(copy, "COPY posts (user_id, title, content, published, created_at) FROM STDIN (FORMAT csv)", posts);
                posts.setLength(0);
            }
        }
        copyIn(copy, "COPY posts (user_id, title, content, published, created_at) FROM STDIN (FORMAT csv)", posts);
        try (Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE users");
            statement.execute("ANALYZE posts");
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void copyIn(CopyManager copy, String sql, StringBuilder rows) throws SQLException {
        try {
            copy.copyIn(sql, new StringReader(rows.toString()));
        } catch (java.io.IOException e) {
            throw new SQLException("COPY failed: " + e.getMessage(), e);
        }
    }
}
