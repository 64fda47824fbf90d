package dev.blogdb.post;

import static org.jooq.impl.DSL.row;

import dev.blogdb.jooq.tables.Posts;

import org.jooq.SelectField;

/** The columns that make a {@link Post}, as one field that jOOQ maps, for use in any query. */
public final class PostProjection {

    private PostProjection() {
    }

    /** A {@link Post} read from {@code posts} (which may be an alias or a path). */
    public static SelectField<Post> of(Posts posts) {
        return row(posts.ID, posts.USER_ID, posts.TITLE, posts.CONTENT, posts.PUBLISHED, posts.CREATED_AT).mapping(Post::new);
    }
}
