/**
 * The post feature: {@link dev.blogdb.post.PostRepository} creates (one by one or many in one
 * statement), finds, lists, updates and deletes posts, and reads the relations between posts and
 * users: the feed and a post with its author ({@link dev.blogdb.post.PostWithAuthor}), and users
 * with all their posts ({@link dev.blogdb.post.UserWithPosts}). Updates name the version they read, and
 * a stale one is a {@link dev.blogdb.post.StalePostException} carrying the post as it now is.
 * {@link dev.blogdb.post.PostProjection}
 * is the reusable projection of a post, for queries of a caller's own over the generated tables.
 *
 * <p><b>Who may use it:</b> everyone; it is public API. <b>Rule:</b> it depends on
 * {@code dev.blogdb.core}, {@code dev.blogdb.internal}, the generated {@code dev.blogdb.jooq} and
 * {@code dev.blogdb.user} (a post has an author, as {@code posts.user_id} refers to {@code users.id}),
 * which is why the relation types live here; {@code dev.blogdb.user} never depends on this package.
 */
package dev.blogdb.post;
