package dev.blogdb.bulk;

import dev.blogdb.core.Constraint;
import dev.blogdb.core.InvalidInputException;
import dev.blogdb.core.UserId;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * A post to be loaded by {@link BulkLoader#addPosts}.
 *
 * @param author    the user who wrote it, who must exist (or be added earlier in the same load)
 * @param title     its title: not blank, at most {@value Constraint#MAX_TITLE_LENGTH} characters
 * @param content   its content: not blank, at most {@value Constraint#MAX_CONTENT_LENGTH} characters
 * @param published whether it appears in the feed
 * @param createdAt when it was written, as for posts imported from elsewhere; empty for the load's
 *                  time, as {@code PostRepository.create} would give it
 */
public record BulkPost(
        UserId author, String title, String content, boolean published, Optional<OffsetDateTime> createdAt) {

    /** @throws InvalidInputException if {@code createdAt} is null (empty is how to say "the load's time") */
    public BulkPost {
        if (createdAt == null) {
            throw new InvalidInputException("createdAt", "is required: Optional.empty() for the load's time");
        }
    }

    /** A post created at the load's time. */
    public static BulkPost of(UserId author, String title, String content, boolean published) {
        return new BulkPost(author, title, content, published, Optional.empty());
    }
}
