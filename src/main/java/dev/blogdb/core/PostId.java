package dev.blogdb.core;

/**
 * The identity of a post: {@code posts.id}. A distinct type so that a {@code UserId} cannot be
 * passed where a post is meant.
 *
 * @param value the database's identity value, always positive
 */
public record PostId(long value) {

    /** @throws IllegalArgumentException if {@code value} is not positive */
    public PostId {
        if (value <= 0) {
            throw new IllegalArgumentException("a post id is positive, got " + value);
        }
    }

    @Override
    public String toString() {
        return "post " + value;
    }
}
