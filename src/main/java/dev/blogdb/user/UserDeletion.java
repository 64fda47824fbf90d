package dev.blogdb.user;

/**
 * What deleting a user removed.
 *
 * @param user         the user as it was just before it was deleted
 * @param postsDeleted how many of the user's posts the database's ON DELETE CASCADE removed with it
 */
public record UserDeletion(User user, int postsDeleted) {}
