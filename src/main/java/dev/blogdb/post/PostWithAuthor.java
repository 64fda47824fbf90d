package dev.blogdb.post;

import dev.blogdb.user.User;

/**
 * A post and the user who wrote it, read together in one statement.
 *
 * @param post   the post
 * @param author its author
 */
public record PostWithAuthor(Post post, User author) {}
