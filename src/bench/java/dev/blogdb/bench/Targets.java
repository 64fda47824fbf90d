package dev.blogdb.bench;

import dev.blogdb.PageRequest;
import dev.blogdb.db.KeysetCursor;
import dev.blogdb.post.NewPost;
import dev.blogdb.user.UserId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What each workload acts on, by the data set's shape: the user deleted by W3 (an ordinary user),
 * the prolific user deleted by W3b, the author W4 inserts for, and where deep feed pages start.
 *
 * @param ordinaryUser a user with the ordinary number of posts
 * @param prolificUser the user with many posts
 * @param w4Posts      the posts W4 inserts
 */
public record Targets(UserId ordinaryUser, UserId prolificUser, List<NewPost> w4Posts) {

    /** Page size of W2 and W5. */
    public static final int FEED_PAGE = 100;
    /** Users per W1 page. */
    public static final int USERS_PAGE = 50;
    /** How many posts W4 inserts. */
    public static final int W4_POSTS = 10_000;

    static Targets of(DataSet data) {
        List<NewPost> posts = IntStream.range(0, W4_POSTS)
                .mapToObj(i -> new NewPost(String.format("Bulk post %05d about inserting many rows", i),
                        "x".repeat(400), i % 5 != 4))
                .toList();
        return new Targets(new UserId(data.users() / 2), new UserId(data.users() + 1), posts);
    }

    /** The request for feed page {@code page} (1-based), with the cursor a reader paging from the top would hold. */
    public static FeedPosition feedPage(Connection connection, int page) throws SQLException {
        if (page == 1) {
            return new FeedPosition(page, PageRequest.first(FEED_PAGE), null, 0);
        }
        int skipped = (page - 1) * FEED_PAGE;
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT created_at, id FROM posts WHERE published ORDER BY created_at DESC, id DESC OFFSET ? LIMIT 1")) {
            statement.setInt(1, skipped - 1);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("the feed has no page " + page);
                }
                OffsetDateTime createdAt = row.getObject(1, OffsetDateTime.class);
                long id = row.getLong(2);
                String cursor = KeysetCursor.encode("feed", KeysetCursor.micros(createdAt), id);
                return new FeedPosition(page, PageRequest.after(cursor, FEED_PAGE), new Object[] {createdAt, id}, skipped);
            }
        }
    }

    /**
     * Where a feed page starts.
     *
     * @param page    its number, from 1
     * @param request blogdb's request for it
     * @param lastKey the (created_at, id) before it, for the hand-written keyset query; null on page 1
     * @param offset  how many rows OFFSET skips to reach it
     */
    public record FeedPosition(int page, PageRequest request, Object[] lastKey, int offset) {
    }
}
