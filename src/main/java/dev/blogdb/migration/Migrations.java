package dev.blogdb.migration;

import static dev.blogdb.jooq.Tables.POSTS;
import static dev.blogdb.jooq.Tables.USERS;

import dev.blogdb.core.ConcurrencyConflictException;
import dev.blogdb.core.DatabaseUnavailableException;
import dev.blogdb.core.InvalidInputException;
import dev.blogdb.core.StatementTimeoutException;
import dev.blogdb.internal.ErrorTranslation;
import dev.blogdb.internal.Inputs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.change.CheckSum;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.FastCheckService;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.RollbackCountSqlCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.UpdateSqlCommandStep;
import liquibase.command.core.helpers.ChangeExecListenerCommandStep;
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
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Applies, rolls back and inspects blogdb's Liquibase changelog, read from the classpath under the
 * same path the build's Liquibase step records, so that both agree on which changesets have run.
 * Every operation says which changesets it concerns.
 *
 * <pre>{@code
 * List<Changeset> applied = Migrations.over(connection).update();
 * }</pre>
 *
 * <p>Over a {@link Connection}, the caller's connection stays open and in the auto-commit mode it
 * had; over a {@link DataSource}, each operation borrows a connection and returns it.
 */
public final class Migrations {

    /** The master changelog's path, on the classpath and relative to the project directory alike. */
    public static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";

    /** The changelog that distributes the schema on Citus, apart from the master changelog. */
    public static final String CITUS_CHANGELOG = "db/changelog/citus.yaml";

    private final ConnectionSource connections;

    /** Borrows a connection for one operation and gives it back, or keeps it open for the caller. */
    @FunctionalInterface
    private interface ConnectionSource {
        <T> T with(ConnectionWork<T> work) throws SQLException;
    }

    @FunctionalInterface
    private interface ConnectionWork<T> {
        T run(Connection connection);
    }

    private Migrations(ConnectionSource connections) {
        this.connections = connections;
    }

    /** Migrations on the caller's connection, which stays open and as it was. */
    public static Migrations over(Connection connection) {
        Inputs.required("connection", connection);
        return new Migrations(new ConnectionSource() {
            @Override
            public <T> T with(ConnectionWork<T> work) {
                return work.run(connection);
            }
        });
    }

    /** Migrations on connections from {@code dataSource}, one for each operation. */
    public static Migrations over(DataSource dataSource) {
        Inputs.required("dataSource", dataSource);
        return new Migrations(new ConnectionSource() {
            @Override
            public <T> T with(ConnectionWork<T> work) throws SQLException {
                Connection connection;
                try {
                    connection = dataSource.getConnection();
                } catch (SQLException e) {
                    // As every other call reports it: a pool's timeout carries no SQLSTATE to translate.
                    throw new DatabaseUnavailableException("no database connection: " + e.getMessage(), e);
                }
                try (connection) {
                    return work.run(connection);
                }
            }
        });
    }

    /**
     * Applies every changeset that has not run yet, in order. Liquibase commits each changeset on
     * its own, so if one fails, those before it stay applied: the {@link MigrationException} lists them.
     *
     * @return the changesets applied, in the order they ran; empty if the database was up to date
     * @throws MigrationException           if a changeset fails or the changelog cannot be read
     * @throws DatabaseUnavailableException if the connection is lost
     */
    public List<Changeset> update() {
        return on("migration failed", connection -> {
            Ran ran = new Ran();
            run(
                    connection,
                    "migration failed",
                    ran,
                    () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                            // Its summary goes to Liquibase's log, not to the caller's standard output.
                            .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG));
            return ran.changesets();
        });
    }

    /**
     * Distributes the migrated schema on a Citus coordinator (the changelog {@value #CITUS_CHANGELOG},
     * context {@code citus}): {@code users} becomes a reference table and {@code posts} is
     * distributed by {@code user_id}, its primary key widened to {@code (id, user_id)}. Run it once,
     * after {@link #update}. On a database without the {@code citus} extension, or with changesets
     * of the changelog still pending, it changes nothing and fails: plain PostgreSQL is never
     * altered by it, and a pending changeset that adds a trigger to {@code posts} would fail once
     * {@code posts} is distributed. Not tested on Citus (docs/scaling.md).
     *
     * @return the changesets applied, in the order they ran
     * @throws MigrationException if changesets are pending, the database has no citus extension, or
     *     a step fails
     */
    public List<Changeset> distributeOnCitus() {
        return on("distribution failed", connection -> {
            List<Changeset> pending = pending(connection);
            if (!pending.isEmpty()) {
                throw new MigrationException(
                        pending.size() + " changeset(s) of the changelog have not run, the first "
                                + pending.get(0).id() + ": migrate first, because Citus refuses a new trigger"
                                + " on a distributed table; nothing was distributed",
                        null,
                        List.of());
            }
            try (Statement statement = connection.createStatement();
                    ResultSet citus =
                            statement.executeQuery("SELECT count(*) FROM pg_extension WHERE extname = 'citus'")) {
                citus.next();
                if (citus.getLong(1) == 0) {
                    throw new MigrationException(
                            "the citus extension is not installed in this database: nothing was distributed",
                            null,
                            List.of());
                }
            } catch (SQLException e) {
                throw failure("cannot tell whether the citus extension is installed", e, List.of());
            }
            Ran ran = new Ran();
            run(
                    connection,
                    "distribution failed",
                    ran,
                    () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CITUS_CHANGELOG)
                            .addArgumentValue(UpdateCommandStep.CONTEXTS_ARG, "citus")
                            .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG));
            return ran.changesets();
        });
    }

    /**
     * Rolls back the last {@code count} changesets that ran, newest first. Rolling back a changeset
     * that created a table drops the table with its rows. On a database where no changeset ran it
     * does nothing, and creates no Liquibase tables to find that out.
     *
     * @return the changesets rolled back, newest first
     * @throws MigrationException           if a rollback fails
     * @throws DatabaseUnavailableException if the connection is lost
     */
    public List<Changeset> rollback(int count) {
        if (count < 1) {
            throw new InvalidInputException("count", "must be at least 1, was " + count);
        }
        return on("rollback failed", connection -> {
            if (applied(connection).isEmpty()) {
                return List.of();
            }
            Ran ran = new Ran();
            run(
                    connection,
                    "rollback failed",
                    ran,
                    () -> new CommandScope(RollbackCountCommandStep.COMMAND_NAME)
                            .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                            .addArgumentValue(RollbackCountCommandStep.COUNT_ARG, count));
            return ran.changesets();
        });
    }

    /**
     * What {@link #update()} would do now, without doing it: the pending changesets, the SQL
     * Liquibase would run for them, and the tables and columns that SQL would drop with the data
     * in them. Changes nothing.
     *
     * @throws MigrationException           if the changelog cannot be read or the SQL cannot be generated
     * @throws DatabaseUnavailableException if the connection is lost
     */
    public MigrationPlan updatePlan() {
        return on("cannot plan the migration", connection -> {
            Set<Changeset> applied = new HashSet<>(applied(connection));
            List<Changeset> pending = changelog(connection).stream()
                    .filter(changeset -> !applied.contains(changeset))
                    .toList();
            if (pending.isEmpty()) {
                return new MigrationPlan(List.of(), "", List.of());
            }
            String sql = sql(
                    connection,
                    "cannot plan the migration",
                    () -> new CommandScope(UpdateSqlCommandStep.COMMAND_NAME)
                            .addArgumentValue(UpdateSqlCommandStep.CHANGELOG_FILE_ARG, CHANGELOG));
            return new MigrationPlan(pending, sql, dataLoss(connection, sql, "cannot plan the migration"));
        });
    }

    /**
     * What {@link #rollback(int)} would do now, without doing it: the changesets it would roll back,
     * newest first, the SQL Liquibase would run for them, and the tables and columns that SQL would
     * drop with the data in them. Changes nothing, and creates no Liquibase table where there is none.
     *
     * @throws InvalidInputException        if {@code count} is less than 1
     * @throws MigrationException           if the changelog cannot be read or the SQL cannot be generated
     * @throws DatabaseUnavailableException if the connection is lost
     */
    public MigrationPlan rollbackPlan(int count) {
        if (count < 1) {
            throw new InvalidInputException("count", "must be at least 1, was " + count);
        }
        return on("cannot plan the rollback", connection -> {
            List<Changeset> applied = applied(connection);
            if (applied.isEmpty()) {
                return new MigrationPlan(List.of(), "", List.of());
            }
            List<Changeset> undone =
                    new ArrayList<>(applied.subList(Math.max(0, applied.size() - count), applied.size()));
            Collections.reverse(undone);
            String sql = sql(
                    connection,
                    "cannot plan the rollback",
                    () -> new CommandScope(RollbackCountSqlCommandStep.COMMAND_NAME)
                            .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                            .addArgumentValue(RollbackCountCommandStep.COUNT_ARG, count));
            return new MigrationPlan(undone, sql, dataLoss(connection, sql, "cannot plan the rollback"));
        });
    }

    /**
     * The changesets that have run on this database, in the order they ran, as its
     * {@code databasechangelog} table records them; empty if Liquibase never ran there. Only reads.
     */
    public List<Changeset> applied() {
        return on("cannot read which changesets have run", Migrations::applied);
    }

    /**
     * The changelog's changesets that have not run on this database yet, in the order
     * {@link #update} would apply them. Only reads: unlike Liquibase's own status, it creates no
     * tracking table in a database that has none.
     */
    public List<Changeset> pending() {
        return on("cannot read the changelog " + CHANGELOG, Migrations::pending);
    }

    private static List<Changeset> pending(Connection connection) {
        Set<Changeset> applied = new HashSet<>(applied(connection));
        return changelog(connection).stream()
                .filter(changeset -> !applied.contains(changeset))
                .toList();
    }

    /**
     * How this database differs from what the changelog and blogdb's generated code expect; empty
     * when it matches. It finds changesets pending, recorded but unknown to the changelog, or
     * changed since they ran (by Liquibase's checksum); every table, column (type, nullability,
     * default, identity), constraint (keys, foreign keys with their delete rule, checks), index
     * (expression and partial ones included), trigger and function that is missing, unexpected or
     * defined otherwise than in the schema the changelog made when blogdb was built; and every
     * foreign key that no index leads with. Only reads, on any database: it creates nothing, not
     * even Liquibase's tables where there are none.
     *
     * @return the findings: changesets in the order they ran, then pending ones in changelog
     *         order, then schema objects by kind and name, then unindexed foreign keys
     * @throws MigrationException           if the changelog cannot be read
     * @throws DatabaseUnavailableException if the connection is lost
     */
    public List<Finding> verify() {
        return on("cannot verify the database", connection -> {
            List<Finding> findings = new ArrayList<>(changesetDrift(connection));
            try {
                findings.addAll(SchemaCatalog.differences(connection));
                findings.addAll(SchemaCatalog.unindexedForeignKeys(connection));
            } catch (SQLException e) {
                throw failure("cannot verify the database", e, List.of());
            }
            return List.copyOf(findings);
        });
    }

    /** Changesets recorded but unknown or changed, in the order they ran; then those pending, in changelog order. */
    private static List<Finding> changesetDrift(Connection connection) {
        Map<Changeset, ChangeSet> changelog = new LinkedHashMap<>();
        changeSets(connection).forEach(changeSet -> changelog.put(Changeset.of(changeSet), changeSet));
        List<Finding> findings = new ArrayList<>();
        Set<Changeset> ran = new HashSet<>();
        for (Recorded recorded : recorded(connection)) {
            ran.add(recorded.changeset());
            ChangeSet known = changelog.get(recorded.changeset());
            String subject = "changeset " + recorded.changeset();
            if (known == null) {
                findings.add(new Finding(
                        Finding.Kind.UNKNOWN_CHANGESET, subject, "ran on the database but is not in the changelog"));
            } else if (recorded.checksum() != null && !known.isCheckSumValid(CheckSum.parse(recorded.checksum()))) {
                findings.add(new Finding(
                        Finding.Kind.CHANGED_CHECKSUM,
                        subject,
                        "changed in the changelog since it ran (recorded checksum " + recorded.checksum() + ")"));
            }
        }
        changelog.keySet().stream()
                .filter(changeset -> !ran.contains(changeset))
                .forEach(changeset -> findings.add(
                        new Finding(Finding.Kind.PENDING_CHANGESET, "changeset " + changeset, "pending: not applied")));
        return findings;
    }

    /** A changeset as {@code databasechangelog} records it, with the checksum it had when it ran (null if none). */
    private record Recorded(Changeset changeset, String checksum) {}

    private static List<Recorded> recorded(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            // to_regclass looks the table up as Liquibase does, in the current schema, and creates nothing.
            try (ResultSet exists = statement.executeQuery("SELECT to_regclass('databasechangelog') IS NOT NULL")) {
                exists.next();
                if (!exists.getBoolean(1)) {
                    return List.of();
                }
            }
            List<Recorded> recorded = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(
                    "SELECT filename, id, author, md5sum FROM databasechangelog ORDER BY orderexecuted")) {
                while (rows.next()) {
                    recorded.add(new Recorded(
                            new Changeset(rows.getString(1), rows.getString(2), rows.getString(3)), rows.getString(4)));
                }
            }
            return recorded;
        } catch (SQLException e) {
            throw failure("cannot read which changesets have run", e, List.of());
        }
    }

    /**
     * Lets {@code role} do everything the repositories do, and nothing more: read and write the rows
     * of {@code users} and {@code posts} and draw their ids. It gets no DDL rights; the tables stay
     * owned by whoever migrated them, so the role can neither alter, drop nor truncate them.
     * Run as the owner, after {@link #update}; run again after a migration that adds tables.
     */
    public void grantApplicationAccess(String role) {
        Inputs.required("role", role);
        on("cannot grant access to " + role, connection -> {
            try {
                DSLContext dsl = ErrorTranslation.applyTo(DSL.using(connection, SQLDialect.POSTGRES));
                Role grantee = DSL.role(DSL.name(role));
                // jOOQ's GRANT names tables only: schema and sequences go through templates with a quoted name.
                dsl.execute("GRANT USAGE ON SCHEMA public TO {0}", DSL.name(role));
                dsl.grant(
                                DSL.privilege("select"),
                                DSL.privilege("insert"),
                                DSL.privilege("update"),
                                DSL.privilege("delete"))
                        .on(USERS)
                        .to(grantee)
                        .execute();
                dsl.grant(
                                DSL.privilege("select"),
                                DSL.privilege("insert"),
                                DSL.privilege("update"),
                                DSL.privilege("delete"))
                        .on(POSTS)
                        .to(grantee)
                        .execute();
                // The identity columns draw their values from sequences.
                dsl.execute("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {0}", DSL.name(role));
            } catch (DataAccessException e) {
                throw failure("cannot grant access to " + role, e, List.of());
            }
            return null;
        });
    }

    /** Runs {@code work} on a connection, failing as {@link #failure} says. */
    private <T> T on(String what, ConnectionWork<T> work) {
        try {
            return connections.with(work);
        } catch (SQLException e) {
            throw failure(what, e, List.of());
        }
    }

    private static List<Changeset> applied(Connection connection) {
        return recorded(connection).stream().map(Recorded::changeset).toList();
    }

    /** Every changeset in the changelog, in order. */
    private static List<Changeset> changelog(Connection connection) {
        return changeSets(connection).stream().map(Changeset::of).toList();
    }

    /** Every changeset in the changelog, in order, as Liquibase parsed it. */
    private static List<ChangeSet> changeSets(Connection connection) {
        return keepingAutoCommit(connection, "cannot read the changelog " + CHANGELOG, List::of, () -> {
            Database database =
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            ResourceAccessor resources = new ClassLoaderResourceAccessor(Migrations.class.getClassLoader());
            DatabaseChangeLog changelog = Scope.child(
                    Map.of(Scope.Attr.resourceAccessor.name(), resources),
                    () -> ChangeLogParserFactory.getInstance()
                            .getParser(CHANGELOG, resources)
                            .parse(CHANGELOG, new ChangeLogParameters(database), resources));
            return List.copyOf(changelog.getChangeSets());
        });
    }

    /** The changesets that Liquibase reports as run (by an update) or rolled back, in that order. */
    private static final class Ran extends AbstractChangeExecListener {

        private final List<Changeset> changesets = new ArrayList<>();

        @Override
        public void ran(ChangeSet changeSet, DatabaseChangeLog log, Database database, ChangeSet.ExecType execType) {
            if (execType == ChangeSet.ExecType.EXECUTED) {
                changesets.add(Changeset.of(changeSet));
            }
        }

        @Override
        public void rolledBack(ChangeSet changeSet, DatabaseChangeLog log, Database database) {
            changesets.add(Changeset.of(changeSet));
        }

        List<Changeset> changesets() {
            return List.copyOf(changesets);
        }
    }

    /** Liquibase declares checked exceptions even for building a command. */
    @FunctionalInterface
    private interface Work<T> {
        T run() throws Exception;
    }

    private static void run(Connection connection, String what, Ran ran, Work<CommandScope> command) {
        keepingAutoCommit(connection, what, ran::changesets, () -> {
            // Not closed: closing a Liquibase Database closes the caller's connection.
            Database database =
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            // Liquibase remembers, per JVM, that a database was up to date; after a rollback an update
            // would trust that and apply nothing. Forget it: migrations are rare, the check is cheap.
            Scope.getCurrentScope().getSingleton(FastCheckService.class).clearCache();
            Map<String, Object> scope = Map.of(
                    Scope.Attr.resourceAccessor.name(),
                            new ClassLoaderResourceAccessor(Migrations.class.getClassLoader()),
                    // Liquibase's summaries go to its log, not to the caller's standard output.
                    Scope.Attr.ui.name(), new LoggerUIService());
            return Scope.child(
                    scope,
                    () -> command.run()
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(ChangeExecListenerCommandStep.CHANGE_EXEC_LISTENER_ARG, ran)
                            .execute());
        });
    }

    private static List<DataLoss> dataLoss(Connection connection, String sql, String what) {
        try {
            return DataLosses.in(connection, sql);
        } catch (SQLException e) {
            throw failure(what, e, List.of());
        }
    }

    /** The SQL that {@code command}, one of Liquibase's "...Sql" commands, writes instead of running it. */
    private static String sql(Connection connection, String what, Work<CommandScope> command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String readOnlyBefore = setting(connection, "default_transaction_read_only", "on", what);
        try {
            writeSql(connection, what, command, out);
        } finally {
            setting(connection, "default_transaction_read_only", readOnlyBefore, what);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Sets a session setting, returning what it was. Liquibase's SQL-writing commands still take
     * and release its lock: in a read-only session, that fails instead of writing.
     */
    private static String setting(Connection connection, String name, String value, String what) {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT current_setting(?), set_config(?, ?, false)")) {
            statement.setString(1, name);
            statement.setString(2, name);
            statement.setString(3, value);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        } catch (SQLException e) {
            throw failure(what, e, List.of());
        }
    }

    private static void writeSql(
            Connection connection, String what, Work<CommandScope> command, ByteArrayOutputStream out) {
        keepingAutoCommit(connection, what, List::of, () -> {
            Database database =
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Scope.getCurrentScope().getSingleton(FastCheckService.class).clearCache();
            Map<String, Object> scope = Map.of(
                    Scope.Attr.resourceAccessor.name(),
                            new ClassLoaderResourceAccessor(Migrations.class.getClassLoader()),
                    Scope.Attr.ui.name(), new LoggerUIService());
            return Scope.child(
                    scope,
                    () -> command.run()
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .setOutput(out)
                            .execute());
        });
    }

    /**
     * Runs Liquibase work on the caller's connection and puts its auto-commit mode back whatever
     * happens: Liquibase switches it off for PostgreSQL, and a caller whose connection silently
     * stopped committing would lose its later writes.
     *
     * @param doneBeforeFailure the changesets that ran before a failure, for its exception
     */
    private static <T> T keepingAutoCommit(
            Connection connection, String what, Supplier<List<Changeset>> doneBeforeFailure, Work<T> work) {
        boolean autoCommit;
        try {
            autoCommit = connection.getAutoCommit();
        } catch (SQLException e) {
            throw failure(what, e, List.of());
        }
        try {
            return work.run();
        } catch (Exception e) {
            throw failure(what, e, doneBeforeFailure.get());
        } finally {
            try {
                connection.setAutoCommit(autoCommit);
            } catch (SQLException restoreFailed) {
                // The connection is gone; the failure above, if any, already says so.
            }
        }
    }

    /**
     * A failure as blogdb reports it: a lost connection, a statement timeout or a conflict before
     * anything was done as the exception every other call gives for it; anything else, or anything
     * after changesets were done, as a {@link MigrationException} that says which were.
     */
    private static RuntimeException failure(String what, Exception e, List<Changeset> doneBefore) {
        RuntimeException translated = ErrorTranslation.translate(ErrorTranslation.sqlExceptionIn(e));
        boolean infrastructure = translated instanceof DatabaseUnavailableException
                || translated instanceof StatementTimeoutException
                || translated instanceof ConcurrencyConflictException;
        if (infrastructure && doneBefore.isEmpty()) {
            return translated;
        }
        Throwable cause = e instanceof LiquibaseException && e.getCause() != null ? e.getCause() : e;
        String reason = infrastructure ? translated.getMessage() : String.valueOf(cause.getMessage());
        String done = doneBefore.isEmpty()
                ? ""
                : " (" + (what.startsWith("rollback") ? "rolled back" : "applied") + " before the failure: "
                        + doneBefore.stream().map(Changeset::id).collect(Collectors.joining(", ")) + ")";
        return new MigrationException(what + ": " + reason + done, e, doneBefore);
    }
}
