package dev.blogdb.bench;

import dev.blogdb.core.PostId;
import dev.blogdb.core.UserId;
import dev.blogdb.post.NewPost;
import dev.blogdb.post.Post;
import dev.blogdb.post.PostWithAuthor;
import dev.blogdb.post.UserWithPosts;
import dev.blogdb.user.User;
import dev.blogdb.user.UserDeletion;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

/**
 * Each workload hand-written in plain JDBC, one SQL statement per operation where possible,
 * producing the same values as blogdb: the practical limit blogdb is measured against.
 */
public final class JdbcSide {

    private static final String POST_COLUMNS = "p.id, p.user_id, p.title, p.content, p.published, p.created_at";
    private static final String FEED = "SELECT " + POST_COLUMNS + ", u.id, u.email, u.created_at"
            + " FROM posts p JOIN users u ON u.id = p.user_id WHERE p.published ";
    private static final String NEWEST_FIRST = " ORDER BY p.created_at DESC, p.id DESC LIMIT " + Targets.FEED_PAGE;

    private final DataSource pool;
    private final AtomicInteger statements = new AtomicInteger();

    /** Workloads over connections from {@code pool}. */
    public JdbcSide(DataSource pool) {
        this.pool = pool;
    }

    /** How many statements were executed so far (a batch counts each of its rows). */
    public int statements() {
        return statements.get();
    }

    /** W1: the first page of users, each with all their posts, by one join. */
    public List<UserWithPosts> usersWithPosts() throws SQLException {
        try (Connection connection = pool.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT u.id, u.email, u.created_at, " + POST_COLUMNS
                                + " FROM (SELECT id, email, created_at FROM users ORDER BY id LIMIT ?) u"
                                + " LEFT JOIN posts p ON p.user_id = u.id ORDER BY u.id, p.created_at DESC, p.id DESC")) {
            query.setInt(1, Targets.USERS_PAGE);
            statements.incrementAndGet();
            Map<User, List<Post>> postsByUser = new LinkedHashMap<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    User user = new User(
                            new UserId(row.getLong(1)), row.getString(2), row.getObject(3, OffsetDateTime.class));
                    List<Post> posts = postsByUser.computeIfAbsent(user, u -> new ArrayList<>());
                    if (row.getObject(4) != null) {
                        posts.add(post(row, 4));
                    }
                }
            }
            List<UserWithPosts> users = new ArrayList<>(postsByUser.size());
            postsByUser.forEach((user, posts) -> users.add(new UserWithPosts(user, posts)));
            return users;
        }
    }

    /** W2 and W5: a feed page by keyset, after the given (created_at, id), or the first page. */
    public List<PostWithAuthor> feedByKeyset(Targets.FeedPosition position) throws SQLException {
        String sql = FEED + (position.lastKey() == null ? "" : " AND (p.created_at, p.id) < (?, ?)") + NEWEST_FIRST;
        try (Connection connection = pool.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            if (position.lastKey() != null) {
                query.setObject(1, position.lastKey()[0]);
                query.setLong(2, (Long) position.lastKey()[1]);
            }
            return feedRows(query);
        }
    }

    /** W5's comparison: the same feed page by OFFSET. */
    public List<PostWithAuthor> feedByOffset(Targets.FeedPosition position) throws SQLException {
        try (Connection connection = pool.getConnection();
                PreparedStatement query = connection.prepareStatement(FEED + NEWEST_FIRST + " OFFSET ?")) {
            query.setInt(1, position.offset());
            return feedRows(query);
        }
    }

    /**
     * W3 and W3b: delete a user, counting exactly the posts the cascade removes, then roll back. As
     * blogdb does it, because one statement cannot be exact while others write: lock the user (which
     * holds off new posts for them), then lock and count their posts and delete the user.
     */
    public UserDeletion deleteUserAndRollBack(UserId user) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement("SELECT 1 FROM users WHERE id = ? FOR UPDATE");
                    PreparedStatement delete = connection.prepareStatement(
                            "WITH locked_posts AS (SELECT id FROM posts WHERE user_id = ? FOR UPDATE),"
                                    + " gone AS (DELETE FROM users WHERE id = ? RETURNING id, email, created_at)"
                                    + " SELECT gone.id, gone.email, gone.created_at, (SELECT count(*) FROM locked_posts) FROM gone")) {
                lock.setLong(1, user.value());
                statements.incrementAndGet();
                try (ResultSet locked = lock.executeQuery()) {
                    locked.next();
                }
                delete.setLong(1, user.value());
                delete.setLong(2, user.value());
                return deletion(delete);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    /**
     * W3 for reference: the same in one statement, the fastest hand-written form, whose count can
     * miss a post that another transaction commits while the delete waits for the user's row.
     */
    public UserDeletion deleteUserInOneStatementAndRollBack(UserId user) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement delete = connection.prepareStatement(
                    "WITH gone AS (DELETE FROM users WHERE id = ? RETURNING id, email, created_at)"
                            + " SELECT gone.id, gone.email, gone.created_at, (SELECT count(*) FROM posts WHERE user_id = gone.id) FROM gone")) {
                delete.setLong(1, user.value());
                return deletion(delete);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    private UserDeletion deletion(PreparedStatement delete) throws SQLException {
        statements.incrementAndGet();
        try (ResultSet row = delete.executeQuery()) {
            row.next();
            return new UserDeletion(
                    new User(new UserId(row.getLong(1)), row.getString(2), row.getObject(3, OffsetDateTime.class)),
                    row.getInt(4));
        }
    }

    /** W4 baseline: JDBC batching, one INSERT per post sent in one batch, then roll back. */
    public int insertPostsByBatchAndRollBack(UserId author, List<NewPost> posts) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO posts (user_id, title, content, published) VALUES (?, ?, ?, ?)")) {
                for (NewPost post : posts) {
                    insert.setLong(1, author.value());
                    insert.setString(2, post.title());
                    insert.setString(3, post.content());
                    insert.setBoolean(4, post.published());
                    insert.addBatch();
                }
                int inserted = 0;
                for (int count : insert.executeBatch()) {
                    inserted += count;
                }
                statements.addAndGet(posts.size());
                return inserted;
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    /** W4, the fastest way PostgreSQL loads rows: COPY, then roll back. */
    public int insertPostsByCopyAndRollBack(UserId author, List<NewPost> posts) throws SQLException {
        StringBuilder rows = new StringBuilder(posts.size() * 460);
        for (NewPost post : posts) {
            rows.append(author.value())
                    .append(",\"")
                    .append(post.title().replace("\"", "\"\""))
                    .append("\",\"")
                    .append(post.content().replace("\"", "\"\""))
                    .append("\",")
                    .append(post.published())
                    .append('\n');
        }
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                statements.incrementAndGet();
                return (int) connection
                        .unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn(
                                "COPY posts (user_id, title, content, published) FROM STDIN (FORMAT csv)",
                                new StringReader(rows.toString()));
            } catch (java.io.IOException e) {
                throw new SQLException(e);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    private List<PostWithAuthor> feedRows(PreparedStatement query) throws SQLException {
        statements.incrementAndGet();
        List<PostWithAuthor> page = new ArrayList<>(Targets.FEED_PAGE);
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                page.add(new PostWithAuthor(
                        post(row, 1),
                        new User(
                                new UserId(row.getLong(7)), row.getString(8), row.getObject(9, OffsetDateTime.class))));
            }
        }
        return page;
    }

    private static Post post(ResultSet row, int first) throws SQLException {
        return new Post(
                new PostId(row.getLong(first)),
                new UserId(row.getLong(first + 1)),
                row.getString(first + 2),
                row.getString(first + 3),
                row.getBoolean(first + 4),
                row.getObject(first + 5, OffsetDateTime.class));
    }
}
