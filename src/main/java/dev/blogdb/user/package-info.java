/**
 * The user feature: {@link dev.blogdb.user.UserRepository} creates, finds, authenticates, lists,
 * changes and deletes users (the database's {@code ON DELETE CASCADE} removes their posts, counted
 * exactly; a user with very many posts can be deleted in batches, and any deletion previewed); {@link dev.blogdb.user.User} is a user as callers see one, never with the password hash;
 * {@link dev.blogdb.user.PasswordHasher} hashes with Argon2id. {@link dev.blogdb.user.UserProjection}
 * is the reusable projection of a user, for queries of a caller's own over the generated tables.
 *
 * <p><b>Who may use it:</b> everyone; it is public API. <b>Rule:</b> it depends on
 * {@code dev.blogdb.core}, {@code dev.blogdb.internal} and the generated {@code dev.blogdb.jooq},
 * never on {@code dev.blogdb.post}: the post feature builds on this one, in the direction of the
 * foreign key {@code posts.user_id → users.id}.
 */
package dev.blogdb.user;
