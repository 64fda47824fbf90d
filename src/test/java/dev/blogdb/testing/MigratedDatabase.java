package dev.blogdb.testing;

import dev.blogdb.BlogDb;
import dev.blogdb.server.ThrowawayDatabase;

import java.sql.Connection;
import java.sql.SQLException;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test method its own freshly migrated database: a {@link DSLContext} parameter is
 * connected to it (auto-commit on), a {@link BlogDb} parameter is a pool over it, a
 * {@link ThrowawayDatabase} parameter is the database itself. All parameters of one test refer to
 * the same database; it is dropped when the test ends.
 */
public final class MigratedDatabase implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == DSLContext.class || type == BlogDb.class || type == ThrowawayDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        PerTest perTest = context.getStore(
                        ExtensionContext.Namespace.create(MigratedDatabase.class, context.getUniqueId()))
                .getOrComputeIfAbsent(PerTest.class, ignored -> PerTest.open(), PerTest.class);
        Class<?> type = parameter.getParameter().getType();
        if (type == BlogDb.class) {
            return perTest.blogDb();
        }
        return type == DSLContext.class ? perTest.dsl() : perTest.database();
    }

    /** Closed by JUnit when the test's store closes: connections first, then the database. */
    private static final class PerTest implements AutoCloseable {

        private final ThrowawayDatabase database = TestDatabases.migrated();
        private Connection connection;
        private BlogDb blogDb;

        static PerTest open() {
            return new PerTest();
        }

        ThrowawayDatabase database() {
            return database;
        }

        synchronized DSLContext dsl() {
            if (connection == null) {
                try {
                    connection = database.connect();
                } catch (SQLException e) {
                    throw new IllegalStateException("could not connect to " + database.name(), e);
                }
            }
            return DSL.using(connection, SQLDialect.POSTGRES);
        }

        synchronized BlogDb blogDb() {
            if (blogDb == null) {
                blogDb = BlogDb.connect(database.settings()).open();
            }
            return blogDb;
        }

        @Override
        public void close() throws Exception {
            try (database) {
                if (blogDb != null) {
                    blogDb.close();
                }
                if (connection != null) {
                    connection.close();
                }
            }
        }
    }
}
