package dev.blogdb.core;

/**
 * The identity of a user: {@code users.id}, and {@code posts.user_id} wherever a post names its
 * author. A distinct type so that a {@code PostId} cannot be passed where a user is meant.
 *
 * @param value the database's identity value, always positive
 */
public record UserId(long value) {

    /** @throws IllegalArgumentException if {@code value} is not positive */
    public UserId {
        if (value <= 0) {
            throw new IllegalArgumentException("a user id is positive, got " + value);
        }
    }

    @Override
    public String toString() {
        return "user " + value;
    }
}
