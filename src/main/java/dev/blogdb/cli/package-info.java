/**
 * The {@code blogdb} command line, the program in {@code target/blogdb.jar}: migrate, inspect,
 * seed and clean a database, and a demo tour ({@link dev.blogdb.cli.BlogDbCli}).
 *
 * <p><b>Who may use it:</b> people and scripts, through the program; only
 * {@link dev.blogdb.cli.BlogDbCli#main} is public. <b>Rule:</b> it uses blogdb only as an
 * application could: the public packages ({@code dev.blogdb}, {@code core}, {@code user},
 * {@code post}, {@code bulk}, {@code migration}, {@code server}), never {@code dev.blogdb.internal},
 * the generated {@code dev.blogdb.jooq} or {@code BlogDb.dsl()}. A test
 * ({@code PackageStructureTest}) keeps it so.
 */
package dev.blogdb.cli;
