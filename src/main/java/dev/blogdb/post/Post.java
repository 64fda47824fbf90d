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
 * @param version   which state of the post this is: 1 when created, and the database adds one on every
 *                  update of the row, by whatever writer; {@code PostRepository.update} names the
 *                  version it read, so that it never overwrites a change it did not see
 */
public record Post(
        PostId id,
        UserId authorId,
        String title,
        String content,
        boolean published,
        OffsetDateTime createdAt,
        long version) {}
