package dev.blogdb.user;

/**
 * What deleting a user would remove, read without changing anything.
 *
 * @param user  the user as they are now
 * @param posts how many of their posts the deletion would remove, counted in the same statement
 *              that read the user: exact at that moment, though others may add or delete posts later
 */
public record DeletionPreview(User user, int posts) {}
