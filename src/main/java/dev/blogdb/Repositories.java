package dev.blogdb;

import dev.blogdb.internal.ErrorTranslation;
import dev.blogdb.post.PostRepository;
import dev.blogdb.user.UserRepository;

import org.jooq.DSLContext;

/**
 * Both repositories over one {@link DSLContext}: inside {@link BlogDb#transaction}, over the
 * transaction's connection, so that what they do commits or rolls back together.
 *
 * @param users the user repository
 * @param posts the post repository
 * @param dsl   the context itself, for statements of your own in the same transaction
 */
public record Repositories(UserRepository users, PostRepository posts, DSLContext dsl) {

    /** Both repositories over {@code dsl}, with blogdb's error translation added to it. */
    public static Repositories over(DSLContext dsl) {
        DSLContext translated = ErrorTranslation.applyTo(dsl);
        return new Repositories(new UserRepository(translated), new PostRepository(translated), translated);
    }

    /**
     * Both repositories over {@code dsl}, typically a transaction's context: they keep the SQL these
     * have rendered while {@code dsl} renders alike (see {@link UserRepository#within}), where
     * {@link #over} would render it anew.
     */
    public Repositories within(DSLContext dsl) {
        DSLContext translated = ErrorTranslation.applyTo(dsl);
        return new Repositories(users.within(translated), posts.within(translated), translated);
    }
}
