package dev.blogdb.post;

import dev.blogdb.user.User;

import java.util.List;

/**
 * A user with all of their posts, newest first.
 *
 * @param user  the user
 * @param posts every post of theirs, published or not, newest first
 */
public record UserWithPosts(User user, List<Post> posts) {

    /** Copies {@code posts}, so that the value never changes after it is made. */
    public UserWithPosts {
        posts = List.copyOf(posts);
    }
}
