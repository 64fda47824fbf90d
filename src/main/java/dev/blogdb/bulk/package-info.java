/**
 * Bulk loading: {@link dev.blogdb.bulk.BulkLoader} writes many users and posts with PostgreSQL's
 * {@code COPY}, in one transaction, with reserved user ids and one password hash shared by all the
 * users it adds. The command line's {@code seed} and the benchmark's data set load through it.
 *
 * <p><b>Who may use it:</b> everyone; it is public API, also reached through {@code BlogDb.bulkLoad}.
 * <b>Rule:</b> it depends on {@code dev.blogdb.core}, {@code dev.blogdb.internal}, the generated
 * {@code dev.blogdb.jooq} and {@code dev.blogdb.user} (for the password hasher).
 */
package dev.blogdb.bulk;
