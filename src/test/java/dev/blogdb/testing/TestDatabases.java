package dev.blogdb.testing;

import dev.blogdb.migration.Migrations;
import dev.blogdb.server.PostgresServer;
import dev.blogdb.server.ThrowawayDatabase;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The databases the tests run against. One server serves the whole test run (found through the
 * same chain as code generation: a named server, Testcontainers, an embedded PostgreSQL); the changelog is
 * applied once, to a template; every test gets a copy of its own, which PostgreSQL makes in tens
 * of milliseconds. Tests are therefore isolated and may commit, run concurrently and run in any order.
 */
public final class TestDatabases {

    private TestDatabases() {}

    /** A new database with blogdb's schema applied. The caller closes it, which drops it. */
    public static ThrowawayDatabase migrated() {
        return Shared.SERVER.createDatabaseFrom("blogdb_test", Shared.MIGRATED_TEMPLATE);
    }

    /** The server the tests run on. */
    public static PostgresServer server() {
        return Shared.SERVER;
    }

    /** A new database with nothing in it. The caller closes it, which drops it. */
    public static ThrowawayDatabase empty() {
        return Shared.SERVER.createDatabase("blogdb_test");
    }

    /** Started on first use; the server's shutdown hook drops what is left and stops any container. */
    private static final class Shared {
        static final PostgresServer SERVER = PostgresServer.locate();
        static final ThrowawayDatabase MIGRATED_TEMPLATE = migratedTemplate();

        private static ThrowawayDatabase migratedTemplate() {
            ThrowawayDatabase template = SERVER.createDatabase("blogdb_test_template");
            // Closed at once: PostgreSQL copies a template only while nobody is connected to it.
            try (Connection connection = template.connect()) {
                Migrations.over(connection).update();
            } catch (SQLException e) {
                throw new IllegalStateException("could not migrate the test template on " + SERVER.description(), e);
            }
            return template;
        }
    }
}
