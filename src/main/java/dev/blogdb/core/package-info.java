/**
 * blogdb's shared kernel: the values and exceptions that every part of blogdb speaks in.
 *
 * <p>Typed keys ({@link dev.blogdb.core.UserId}, {@link dev.blogdb.core.PostId}, which the
 * generated jOOQ classes use for {@code users.id}, {@code posts.id} and {@code posts.user_id}),
 * keyset pages ({@link dev.blogdb.core.Page}, {@link dev.blogdb.core.PageRequest}), the exceptions
 * a caller can act on (all {@link dev.blogdb.core.BlogDbException}s but the migrations' own), and
 * the schema's named constraints, each declared once ({@link dev.blogdb.core.Constraint}).
 *
 * <p><b>Who may use it:</b> everyone; it is public API. <b>Rule:</b> it depends on the JDK alone,
 * so that every other package, the generated code included, may depend on it.
 */
package dev.blogdb.core;
