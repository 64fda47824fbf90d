package dev.blogdb.bench;

import dev.blogdb.BlogDb;
import dev.blogdb.bulk.BulkPost;
import dev.blogdb.core.UserId;
import dev.blogdb.user.PasswordHasher;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The benchmark's data: {@code users} users with {@code postsPerUser} posts each, plus one prolific
 * user with {@code prolificPosts}. Titles are about 40 characters, contents about 400, every 5th
 * post is unpublished, and creation times interleave the authors, as a real feed would. Loaded with
 * blogdb's bulk loader (PostgreSQL's COPY) into an empty, migrated database.
 *
 * <p>After the prolific user come {@link Targets#USERS_PAGE} heavy users with ten times the
 * ordinary number of posts each, for W1 at ten times the posts per user.
 *
 * @param users         ordinary users
 * @param postsPerUser  posts of each ordinary user
 * @param prolificPosts posts of the one prolific user (the last user)
 */
public record DataSet(int users, int postsPerUser, int prolificPosts) {

    /** What docs/benchmarks/results.md's figures are measured on. */
    public static final DataSet FULL = new DataSet(2_000, 50, 10_000);
    /** What the test suite runs the harness on, so that it cannot rot. */
    public static final DataSet TINY = new DataSet(60, 5, 120);

    /** How many heavy users there are: one W1 page of them. */
    public int heavyUsers() {
        return Targets.USERS_PAGE;
    }

    /** Posts of each heavy user: ten times the ordinary number. */
    public int heavyPostsPerUser() {
        return postsPerUser * 10;
    }

    private static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");
    private static final String CONTENT =
            ("Keyset pagination reads the next page after the last row seen, so a deep page "
                            + "costs what the first one does. ")
                    .repeat(4)
                    .substring(0, 400);

    /** All posts. */
    public int posts() {
        return users * postsPerUser + prolificPosts + heavyUsers() * heavyPostsPerUser();
    }

    /** All users: the ordinary ones, the prolific one and the heavy ones. */
    public int allUsers() {
        return users + 1 + heavyUsers();
    }

    /**
     * Loads the data into an empty, migrated database through blogdb's bulk loader (COPY, one
     * transaction), then has PostgreSQL analyse it; returns how long that took in milliseconds.
     * The users get ids 1 to {@link #allUsers()}: the prolific one is {@code users + 1}, the heavy ones
     * follow, as {@link Targets} expects.
     */
    public long load(BlogDb blog, Connection connection) throws SQLException {
        long start = System.nanoTime();
        String hash = PasswordHasher.standard().hash("benchmark password");
        List<UserId> ids = blog.bulkLoad(load -> {
            List<UserId> added = load.addUsers(
                    IntStream.rangeClosed(1, allUsers())
                            .mapToObj(u -> "user" + u + "@example.com")
                            .toList(),
                    hash);
            load.addPosts(() -> IntStream.range(0, posts()).mapToObj(this::post).iterator());
            return added;
        });
        if (!ids.get(0).equals(new UserId(1)) || !ids.get(users).equals(new UserId(users + 1L))) {
            throw new IllegalStateException(
                    "the data set needs a fresh database, whose users get ids from 1: got " + ids.get(0));
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE users");
            statement.execute("ANALYZE posts");
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /**
     * Post number {@code i}: the ordinary users' in turn, then the prolific user's, then the heavy
     * users' in turn; creation times interleave.
     */
    private BulkPost post(int i) {
        int ordinary = users * postsPerUser;
        long author = i < ordinary
                ? 1 + i % users
                : i < ordinary + prolificPosts
                        ? users + 1L
                        : users + 2L + (i - ordinary - prolificPosts) % heavyUsers();
        return new BulkPost(
                new UserId(author),
                String.format("Post %07d on keyset pagination and jOOQ", i),
                CONTENT,
                i % 5 != 4,
                Optional.of(EPOCH.plusSeconds(i * 37L + i % 7).atOffset(ZoneOffset.UTC)));
    }
}
