package dev.blogdb.post;

import dev.blogdb.core.Constraint;
import dev.blogdb.core.PostId;
import dev.blogdb.core.UserId;

import java.time.OffsetDateTime;

/**
 * A post.
 *
 * @param id        the post's identity
 * @param authorId  the user who wrote it
 * @param title     its title: not blank, at most {@value Constraint#MAX_TITLE_LENGTH} characters
 * @param content   its content: not blank, at most {@value Constraint#MAX_CONTENT_LENGTH} characters
 * @param published whether it appears in the feed
 * @param createdAt when it was created, by the database's clock
 */
public record Post(
        PostId id, UserId authorId, String title, String content, boolean published, OffsetDateTime createdAt) {}
