package dev.blogdb;

import dev.blogdb.post.PostRepository;
import dev.blogdb.user.UserRepository;

import org.jooq.DSLContext;

/**
 * Both repositories over one {@link DSLContext}: inside {@link BlogDb#transaction}, over the
 * transaction's connection, so that what they do commits or rolls back together.
 *
 * @param users the user repository
 * @param posts the post repository
 */
public record Repositories(UserRepository users, PostRepository posts) {

    /** Both repositories over {@code dsl}. */
    public static Repositories over(DSLContext dsl) {
        return new Repositories(new UserRepository(dsl), new PostRepository(dsl));
    }
}
