package dev.blogdb.post;

import static dev.blogdb.jooq.Tables.POSTS;

import dev.blogdb.core.PostId;
import dev.blogdb.core.UserId;
import dev.blogdb.internal.Column;
import dev.blogdb.jooq.tables.Posts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

import org.jooq.Record;
import org.jooq.SelectField;

/**
 * The columns a {@link Post} is read from, and the mapping from a row that has them, for use in
 * any query. Flat columns, not a nested {@code row(...)}: PostgreSQL sends a nested row as one
 * composite text value that jOOQ must parse, which made the feed several times slower.
 */
public final class PostProjection {

    /** How many columns {@link #columns} has. */
    static final int WIDTH = 7;

    private static final Column<PostId> ID = Column.of(POSTS.ID);
    private static final Column<UserId> USER_ID = Column.of(POSTS.USER_ID);
    private static final Column<String> TITLE = Column.of(POSTS.TITLE);
    private static final Column<String> CONTENT = Column.of(POSTS.CONTENT);
    private static final Column<Boolean> PUBLISHED = Column.of(POSTS.PUBLISHED);
    private static final Column<OffsetDateTime> CREATED_AT = Column.of(POSTS.CREATED_AT);
    private static final Column<Long> VERSION = Column.of(POSTS.VERSION);

    private PostProjection() {}

    /** The columns of {@code posts} (which may be an alias or a path) that make a post. */
    public static List<SelectField<?>> columns(Posts posts) {
        return List.of(
                posts.ID, posts.USER_ID, posts.TITLE, posts.CONTENT, posts.PUBLISHED, posts.CREATED_AT, posts.VERSION);
    }

    /** The post in a row that has the {@link #columns} of {@code posts}. */
    public static Post from(Record row, Posts posts) {
        return new Post(
                row.get(posts.ID),
                row.get(posts.USER_ID),
                row.get(posts.TITLE),
                row.get(posts.CONTENT),
                row.get(posts.PUBLISHED),
                row.get(posts.CREATED_AT),
                row.get(posts.VERSION));
    }

    /**
     * The post in the JDBC row {@code row} is on, whose {@link #columns} start at {@code first}
     * (1-based), in their order; null where the id is NULL (an outer join that found no post).
     */
    static Post read(ResultSet row, int first) throws SQLException {
        PostId id = ID.read(row, first);
        if (id == null) {
            return null;
        }
        return new Post(
                id,
                USER_ID.read(row, first + 1),
                TITLE.read(row, first + 2),
                CONTENT.read(row, first + 3),
                PUBLISHED.read(row, first + 4),
                CREATED_AT.read(row, first + 5),
                VERSION.read(row, first + 6));
    }
}
