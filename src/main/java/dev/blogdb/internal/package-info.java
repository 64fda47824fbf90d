/**
 * <b>Internal: not API.</b> What the feature packages share behind their public types: input
 * validation ({@link dev.blogdb.internal.Inputs}), keyset cursors
 * ({@link dev.blogdb.internal.KeysetCursor}), the translation of PostgreSQL's errors into
 * blogdb's exceptions ({@link dev.blogdb.internal.ErrorTranslation}), and reading JDBC rows straight
 * into records through the generated columns' converters ({@link dev.blogdb.internal.Rows},
 * {@link dev.blogdb.internal.Column}), queries rendered once per shape and then only bound
 * ({@link dev.blogdb.internal.RenderedOnce}), binary {@code COPY} and the ids reserved ahead of it
 * ({@link dev.blogdb.internal.BinaryCopy}, {@link dev.blogdb.internal.IdReservation}), the
 * repositories' calls as an observer such as the metrics sees them
 * ({@link dev.blogdb.internal.Calls}), and whether the database is a Citus coordinator
 * ({@link dev.blogdb.internal.Citus}).
 *
 * <p><b>Who may use it:</b> blogdb's own library packages ({@code dev.blogdb}, {@code user},
 * {@code post}, {@code bulk}, {@code migration}, {@code metrics}) and their tests. The command line and the
 * benchmark may not, nor may an application: it changes without notice. A test
 * ({@code PackageStructureTest}) keeps it so.
 *
 * <p><b>Rule:</b> it depends on {@code dev.blogdb.core}, jOOQ's runtime and pgjdbc, never on the
 * generated code or a feature package.
 */
package dev.blogdb.internal;
