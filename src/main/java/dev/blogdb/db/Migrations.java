package dev.blogdb.db;

import static dev.blogdb.jooq.Tables.POSTS;
import static dev.blogdb.jooq.Tables.USERS;

import dev.blogdb.DatabaseUnavailableException;
import dev.blogdb.Inputs;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.jooq.DSLContext;
import org.jooq.Role;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Applies and rolls back blogdb's Liquibase changelog, read from the classpath under the same path
 * the build's Liquibase step records, so that both agree on which changesets have run.
 */
public final class Migrations {

    /** The master changelog's path, on the classpath and relative to the project directory alike. */
    public static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";

    private Migrations() {
    }

    /** Applies every changeset that has not run yet. The connection stays open and as it was. */
    public static void update(Connection connection) {
        run(connection, () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                // Its summary goes to Liquibase's log, not to the caller's standard output.
                .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG));
    }

    /**
     * Lets {@code role} do everything the repositories do, and nothing more: read and write the rows
     * of {@code users} and {@code posts} and draw their ids. It gets no DDL rights; the tables stay
     * owned by whoever migrated them, so the role can neither alter, drop nor truncate them.
     * Run as the owner, after {@link #update}; run again after a migration that adds tables.
     */
    public static void grantApplicationAccess(Connection connection, String role) {
        Inputs.required("role", role);
        DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
        Role grantee = DSL.role(DSL.name(role));
        // jOOQ's GRANT names tables only: schema and sequences go through templates with a quoted name.
        dsl.execute("GRANT USAGE ON SCHEMA public TO {0}", DSL.name(role));
        dsl.grant(DSL.privilege("select"), DSL.privilege("insert"), DSL.privilege("update"), DSL.privilege("delete"))
                .on(USERS).to(grantee).execute();
        dsl.grant(DSL.privilege("select"), DSL.privilege("insert"), DSL.privilege("update"), DSL.privilege("delete"))
                .on(POSTS).to(grantee).execute();
        // The identity columns draw their values from sequences.
        dsl.execute("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {0}", DSL.name(role));
    }

    /** Rolls back the last {@code count} changesets that ran, newest first. */
    public static void rollback(Connection connection, int count) {
        run(connection, () -> new CommandScope(RollbackCountCommandStep.COMMAND_NAME)
                .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                .addArgumentValue(RollbackCountCommandStep.COUNT_ARG, count));
    }

    /**
     * The changesets that have run on this database, in the order they ran, as its
     * {@code databasechangelog} table records them; empty if Liquibase never ran there. Only reads.
     */
    public static List<Changeset> applied(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            // to_regclass looks the table up as Liquibase does, in the current schema, and creates nothing.
            try (ResultSet exists = statement.executeQuery("SELECT to_regclass('databasechangelog') IS NOT NULL")) {
                exists.next();
                if (!exists.getBoolean(1)) {
                    return List.of();
                }
            }
            List<Changeset> applied = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT filename, id, author FROM databasechangelog ORDER BY orderexecuted")) {
                while (rows.next()) {
                    applied.add(new Changeset(rows.getString(1), rows.getString(2), rows.getString(3)));
                }
            }
            return List.copyOf(applied);
        } catch (SQLException e) {
            throw failure("cannot read which changesets have run", e);
        }
    }

    /**
     * The changelog's changesets that have not run on this database yet, in the order
     * {@link #update} would apply them. Only reads: unlike Liquibase's own status, it creates no
     * tracking table in a database that has none.
     */
    public static List<Changeset> pending(Connection connection) {
        Set<Changeset> applied = new HashSet<>(applied(connection));
        return changelog(connection).stream().filter(changeset -> !applied.contains(changeset)).toList();
    }

    /** Every changeset in the changelog, in order. */
    private static List<Changeset> changelog(Connection connection) {
        return keepingAutoCommit(connection, "cannot read the changelog " + CHANGELOG, () -> {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            ResourceAccessor resources = new ClassLoaderResourceAccessor(Migrations.class.getClassLoader());
            DatabaseChangeLog changelog = Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), resources),
                    () -> ChangeLogParserFactory.getInstance().getParser(CHANGELOG, resources)
                            .parse(CHANGELOG, new ChangeLogParameters(database), resources));
            return changelog.getChangeSets().stream()
                    .map(changeset -> new Changeset(changeset.getFilePath(), changeset.getId(), changeset.getAuthor()))
                    .toList();
        });
    }

    /** Liquibase declares checked exceptions even for building a command. */
    @FunctionalInterface
    private interface Work<T> {
        T run() throws Exception;
    }

    private static void run(Connection connection, Work<CommandScope> command) {
        keepingAutoCommit(connection, "migration failed", () -> {
            // Not closed: closing a Liquibase Database closes the caller's connection.
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Map<String, Object> scope = Map.of(
                    Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(Migrations.class.getClassLoader()),
                    // Liquibase's summaries go to its log, not to the caller's standard output.
                    Scope.Attr.ui.name(), new LoggerUIService());
            return Scope.child(scope, () -> command.run().addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database).execute());
        });
    }

    /**
     * Runs Liquibase work on the caller's connection and puts its auto-commit mode back whatever
     * happens: Liquibase switches it off for PostgreSQL, and a caller whose connection silently
     * stopped committing would lose its later writes.
     */
    private static <T> T keepingAutoCommit(Connection connection, String what, Work<T> work) {
        boolean autoCommit;
        try {
            autoCommit = connection.getAutoCommit();
        } catch (SQLException e) {
            throw failure(what, e);
        }
        try {
            return work.run();
        } catch (Exception e) {
            throw failure(what, e);
        } finally {
            try {
                connection.setAutoCommit(autoCommit);
            } catch (SQLException restoreFailed) {
                // The connection is gone; the failure above, if any, already says so.
            }
        }
    }

    /** A lost connection as DatabaseUnavailableException, anything else as MigrationException. */
    private static RuntimeException failure(String what, Exception e) {
        RuntimeException translated = ErrorTranslation.translate(ErrorTranslation.sqlExceptionIn(e));
        if (translated instanceof DatabaseUnavailableException unavailable) {
            return unavailable;
        }
        Throwable cause = e instanceof LiquibaseException && e.getCause() != null ? e.getCause() : e;
        return new MigrationException(what + ": " + cause.getMessage(), e);
    }
}
