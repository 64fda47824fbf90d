package dev.blogdb.testing;

import dev.blogdb.db.ThrowawayDatabase;

import java.sql.Connection;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test method its own freshly migrated database: a {@link DSLContext} parameter is
 * connected to it (auto-commit on), a {@link ThrowawayDatabase} parameter is the database itself.
 * Both parameters of one test refer to the same database; it is dropped when the test ends.
 */
public final class MigratedDatabase implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == DSLContext.class || type == ThrowawayDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        PerTest perTest = context.getStore(ExtensionContext.Namespace.create(MigratedDatabase.class, context.getUniqueId()))
                .computeIfAbsent(PerTest.class, ignored -> PerTest.open(), PerTest.class);
        return parameter.getParameter().getType() == DSLContext.class ? perTest.dsl() : perTest.database();
    }

    /** Closed by JUnit when the test's store closes: the connection first, then the database. */
    private record PerTest(ThrowawayDatabase database, Connection connection, DSLContext dsl) implements AutoCloseable {

        static PerTest open() {
            ThrowawayDatabase database = TestDatabases.migrated();
            try {
                Connection connection = database.connect();
                return new PerTest(database, connection, DSL.using(connection, SQLDialect.POSTGRES));
            } catch (Exception e) {
                database.close();
                throw new IllegalStateException("could not connect to " + database.name(), e);
            }
        }

        @Override
        public void close() throws Exception {
            try (database) {
                connection.close();
            }
        }
    }
}
