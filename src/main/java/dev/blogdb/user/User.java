package dev.blogdb.user;

import dev.blogdb.core.UserId;

import java.time.OffsetDateTime;

/**
 * A user as callers see one. It never carries the password hash.
 *
 * @param id        the user's identity
 * @param email     the email as the user gave it (letter case kept; compared ignoring case)
 * @param createdAt when the user was created, by the database's clock
 */
public record User(UserId id, String email, OffsetDateTime createdAt) {}
