package dev.blogdb.post;

import dev.blogdb.user.UserId;

import java.time.OffsetDateTime;

/**
 * A post.
 *
 * @param id        the post's identity
 * @param authorId  the user who wrote it
 * @param title     its title: not blank, at most {@value #MAX_TITLE_LENGTH} characters
 * @param content   its content: not blank, at most {@value #MAX_CONTENT_LENGTH} characters
 * @param published whether it appears in the feed
 * @param createdAt when it was created, by the database's clock
 */
public record Post(PostId id, UserId authorId, String title, String content, boolean published, OffsetDateTime createdAt) {

    /** Longest title, in characters (the database's {@code posts_title_length}). */
    public static final int MAX_TITLE_LENGTH = 200;
    /** Longest content, in characters (the database's {@code posts_content_length}). */
    public static final int MAX_CONTENT_LENGTH = 100_000;
}
