package dev.blogdb.post;

import dev.blogdb.jooq.tables.Posts;

import java.util.List;

import org.jooq.Record;
import org.jooq.SelectField;

/**
 * The columns a {@link Post} is read from, and the mapping from a row that has them, for use in
 * any query. Flat columns, not a nested {@code row(...)}: PostgreSQL sends a nested row as one
 * composite text value that jOOQ must parse, which made the feed several times slower.
 */
public final class PostProjection {

    private PostProjection() {}

    /** The columns of {@code posts} (which may be an alias or a path) that make a post. */
    public static List<SelectField<?>> columns(Posts posts) {
        return List.of(posts.ID, posts.USER_ID, posts.TITLE, posts.CONTENT, posts.PUBLISHED, posts.CREATED_AT);
    }

    /** The post in a row that has the {@link #columns} of {@code posts}. */
    public static Post from(Record row, Posts posts) {
        return new Post(
                row.get(posts.ID),
                row.get(posts.USER_ID),
                row.get(posts.TITLE),
                row.get(posts.CONTENT),
                row.get(posts.PUBLISHED),
                row.get(posts.CREATED_AT));
    }
}
