package dev.blogdb.bench;

import dev.blogdb.core.PostId;
import dev.blogdb.core.UserId;
import dev.blogdb.post.NewPost;
import dev.blogdb.post.Post;
import dev.blogdb.post.PostWithAuthor;
import dev.blogdb.post.UserWithPosts;
import dev.blogdb.user.User;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Each workload hand-written in plain JDBC, one SQL statement per operation where possible,
 * producing the same values as blogdb: the practical limit blogdb is measured against.
 */
public final class JdbcSide {

    private static final String POST_COLUMNS =
            "p.id, p.user_id, p.title, p.content, p.published, p.created_at, p.version";
    private static final String FEED = "SELECT " + POST_COLUMNS + ", u.id, u.email, u.created_at"
            + " FROM posts p JOIN users u ON u.id = p.user_id WHERE p.published ";
    private static final String NEWEST_FIRST = " ORDER BY p.created_at DESC, p.id DESC LIMIT " + Targets.FEED_PAGE;

    /** PGCOPY, a newline, 0xFF, a carriage return and a newline, then a zero byte. */
    private static final byte[] BINARY_COPY_SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0
    };
    /** How many bytes of rows W4's COPY sends at a time. */
    private static final int COPY_CHUNK = 64 * 1024;

    private final DataSource pool;
    private final DataSource rewritingPool;
    private final AtomicInteger statements = new AtomicInteger();

    /**
     * Workloads over connections from {@code pool}; W4's batch over {@code rewritingPool}, whose
     * connections have {@code reWriteBatchedInserts=true}.
     */
    public JdbcSide(DataSource pool, DataSource rewritingPool) {
        this.pool = pool;
        this.rewritingPool = rewritingPool;
    }

    /** How many statements were executed so far (a batch counts each of its rows). */
    public int statements() {
        return statements.get();
    }

    /**
     * W1: a page of users (after {@code afterUser}, by id), each with all their posts newest first,
     * by one statement. The lateral join is the fastest form found: a plain join let PostgreSQL scan
     * every post instead of using posts_user_id_idx (29 ms against 2.5 ms on the server).
     */
    public List<UserWithPosts> usersWithPosts(long afterUser) throws SQLException {
        try (Connection connection = pool.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT u.id, u.email, u.created_at, "
                        + POST_COLUMNS
                        + " FROM (SELECT id, email, created_at FROM users WHERE id > ? ORDER BY id LIMIT ?) u"
                        + " LEFT JOIN LATERAL (SELECT * FROM posts WHERE posts.user_id = u.id"
                        + " ORDER BY created_at DESC, id DESC) p ON true"
                        + " ORDER BY u.id, p.created_at DESC, p.id DESC")) {
            query.setLong(1, afterUser);
            query.setInt(2, Targets.USERS_PAGE);
            statements.incrementAndGet();
            List<UserWithPosts> users = new ArrayList<>(Targets.USERS_PAGE);
            long currentId = 0;
            User user = null;
            List<Post> posts = null;
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    long id = row.getLong(1);
                    if (user == null || id != currentId) {
                        if (user != null) {
                            users.add(new UserWithPosts(user, posts));
                        }
                        currentId = id;
                        user = new User(new UserId(id), row.getString(2), row.getObject(3, OffsetDateTime.class));
                        posts = new ArrayList<>();
                    }
                    long postId = row.getLong(4);
                    if (!row.wasNull()) {
                        posts.add(post(row, 4, postId));
                    }
                }
            }
            if (user != null) {
                users.add(new UserWithPosts(user, posts));
            }
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
     * W3 and W3b's baseline: the plain cascading delete, then roll back. It returns the user but
     * cannot say how many posts the cascade removed: the count blogdb returns on top is the cost
     * being measured.
     */
    public User deleteUserAndRollBack(UserId user) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM users WHERE id = ? RETURNING id, email, created_at")) {
                delete.setLong(1, user.value());
                statements.incrementAndGet();
                try (ResultSet row = delete.executeQuery()) {
                    row.next();
                    return new User(
                            new UserId(row.getLong(1)), row.getString(2), row.getObject(3, OffsetDateTime.class));
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    /**
     * W4 baseline: JDBC batching over a connection with pgjdbc's {@code reWriteBatchedInserts}, which
     * sends the batch as multi-row INSERTs (the fastest INSERT form pgjdbc has), then roll back.
     */
    public int insertPostsByBatchAndRollBack(UserId author, List<NewPost> posts) throws SQLException {
        try (Connection connection = rewritingPool.getConnection()) {
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
                    // A rewritten batch reports SUCCESS_NO_INFO (-2) per row: each such row was inserted.
                    inserted += count == java.sql.Statement.SUCCESS_NO_INFO ? 1 : count;
                }
                statements.addAndGet(posts.size());
                return inserted;
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    /**
     * W4 the fastest way PostgreSQL loads rows, then roll back: binary COPY, each row's bytes
     * written by hand into one buffer that goes to the server every 64 KiB. Binary, not CSV or
     * text: the server then parses no text (10,000 posts: 109-138 ms on the server against 123-159
     * ms for CSV, PostgreSQL 15, 3 December 2026).
     */
    public int insertPostsByCopyAndRollBack(UserId author, List<NewPost> posts) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            CopyIn copy = null;
            try {
                statements.incrementAndGet();
                copy = connection
                        .unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn("COPY posts (user_id, title, content, published) FROM STDIN (FORMAT binary)");
                ByteBuffer buffer = ByteBuffer.allocate(COPY_CHUNK);
                buffer.put(BINARY_COPY_SIGNATURE).putInt(0).putInt(0); // no flags, no header extension
                for (NewPost post : posts) {
                    byte[] title = post.title().getBytes(StandardCharsets.UTF_8);
                    byte[] content = post.content().getBytes(StandardCharsets.UTF_8);
                    // field count; then each field's length and bytes: bigint, text, text, boolean
                    int rowBytes = 2 + (4 + 8) + (4 + title.length) + (4 + content.length) + (4 + 1);
                    int withTrailer = rowBytes + 2; // room kept for the trailer, so that it never needs a flush
                    if (buffer.remaining() < withTrailer) {
                        copy.writeToCopy(buffer.array(), 0, buffer.position());
                        buffer.clear();
                        if (buffer.capacity() < withTrailer) {
                            buffer = ByteBuffer.allocate(withTrailer);
                        }
                    }
                    buffer.putShort((short) 4)
                            .putInt(8)
                            .putLong(author.value())
                            .putInt(title.length)
                            .put(title)
                            .putInt(content.length)
                            .put(content)
                            .putInt(1)
                            .put((byte) (post.published() ? 1 : 0));
                }
                buffer.putShort((short) -1); // the trailer
                copy.writeToCopy(buffer.array(), 0, buffer.position());
                return (int) copy.endCopy();
            } finally {
                if (copy != null && copy.isActive()) {
                    copy.cancelCopy();
                }
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
                        post(row, 1, row.getLong(1)),
                        new User(
                                new UserId(row.getLong(8)),
                                row.getString(9),
                                row.getObject(10, OffsetDateTime.class))));
            }
        }
        return page;
    }

    private static Post post(ResultSet row, int first, long id) throws SQLException {
        return new Post(
                new PostId(id),
                new UserId(row.getLong(first + 1)),
                row.getString(first + 2),
                row.getString(first + 3),
                row.getBoolean(first + 4),
                row.getObject(first + 5, OffsetDateTime.class),
                row.getLong(first + 6));
    }
}
