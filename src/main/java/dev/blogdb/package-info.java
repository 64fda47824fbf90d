/**
 * blogdb's entry point: {@link dev.blogdb.BlogDb} opens a connection pool to one PostgreSQL
 * database and hands out the repositories ({@code users()}, {@code posts()}), transactions that
 * span several calls ({@link dev.blogdb.Repositories}), the migrations and bulk loading.
 *
 * <p><b>Who may use it:</b> everyone; it is where an application starts. <b>Rule:</b> it is the top
 * of the library: it depends on the features ({@code user}, {@code post}, {@code bulk},
 * {@code migration}, {@code replica}), on {@code core}, {@code internal}, {@code metrics} (only when the
 * application passes a meter registry) and {@code server} (for the URL it is given), and nothing in
 * the library depends on it. The layers and why are in
 * {@code docs/architecture.md}.
 */
package dev.blogdb;
