package dev.blogdb.post;

import dev.blogdb.core.Constraint;

/**
 * A post to be created in bulk by {@link PostRepository#createAll}.
 *
 * @param title     its title: not blank, at most {@value Constraint#MAX_TITLE_LENGTH} characters
 * @param content   its content: not blank, at most {@value Constraint#MAX_CONTENT_LENGTH} characters
 * @param published whether it appears in the feed
 */
public record NewPost(String title, String content, boolean published) {}
