package dev.blogdb.cli;

import dev.blogdb.BlogDb;
import dev.blogdb.core.DatabaseUnavailableException;
import dev.blogdb.core.InvalidInputException;
import dev.blogdb.server.ConnectionSettings;
import dev.blogdb.server.Setting;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options that say which database a command acts on, shared by every command that uses one.
 * They override {@code BLOGDB_JDBC_URL}, {@code BLOGDB_JDBC_USER}, {@code BLOGDB_JDBC_PASSWORD} and
 * {@code BLOGDB_REPLICA_URLS};
 * {@link ConnectionSettings} resolves them with the environment, as it does for the build.
 */
final class DatabaseOptions {

    @Option(
            names = "--jdbc-url",
            paramLabel = "URL",
            description =
                    "The database: jdbc:postgresql://HOST[:PORT]/DATABASE. Default: $BLOGDB_JDBC_URL, else one built from PGHOST, PGPORT and PGDATABASE.")
    private String jdbcUrl;

    @Option(
            names = "--user",
            description = "The user to connect as. Default: $BLOGDB_JDBC_USER, else $PGUSER, else postgres.")
    private String user;

    @Option(
            names = "--password",
            description =
                    "The password. Default: $BLOGDB_JDBC_PASSWORD, else $PGPASSWORD (better: it does not show in the process list).")
    private String password;

    @Option(
            names = "--replica",
            paramLabel = "URL",
            description =
                    "A read replica (hot standby) of the database, jdbc:postgresql://HOST[:PORT]/DATABASE;"
                            + " repeat for several. Reads may go to it, writes never. Default: $BLOGDB_REPLICA_URLS (comma-separated).")
    private List<String> replicas;

    private int connectTimeoutSeconds;

    private int statementTimeoutSeconds;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    private final Environment environment;

    DatabaseOptions(Environment environment) {
        this.environment = environment;
    }

    @Option(
            names = "--connect-timeout",
            paramLabel = "SECONDS",
            defaultValue = "5",
            description = "How long to wait for the database before giving up (default: ${DEFAULT-VALUE}).")
    private void connectTimeout(int seconds) {
        connectTimeoutSeconds = ValueRanges.atLeast(command, "--connect-timeout", 1, seconds);
    }

    // No limit unless asked: the CLI is an operator's tool, run in sight, and its long statements
    // (seed's one COPY, a migration, a cascade) are the point of running it, not a runaway query.
    @Option(
            names = "--statement-timeout",
            paramLabel = "SECONDS",
            defaultValue = "0",
            description = "Cancel a statement that runs longer than this; 0, the default, sets no limit"
                    + " (the server's own statement_timeout stays, none unless configured).")
    private void statementTimeout(int seconds) {
        statementTimeoutSeconds = ValueRanges.atLeast(command, "--statement-timeout", 0, seconds);
    }

    /**
     * The database these options and the environment name: {@code --jdbc-url}, else
     * {@code BLOGDB_JDBC_URL}, else libpq's {@code PGHOST}, {@code PGPORT} and {@code PGDATABASE}.
     *
     * @throws CommandFailure if a URL is malformed or names no database, or a PG* variable cannot be used
     */
    ConnectionSettings target() {
        // An option given empty ("--jdbc-url \"$UNSET\"") is a mistake: falling back to the
        // environment could make a command act on another database than the one it aimed at.
        refuseEmpty("--jdbc-url", jdbcUrl);
        refuseEmpty("--user", user);
        refuseEmpty("--password", password);
        try {
            return ConnectionSettings.namedOrLibpqDefault(environment
                            .settings()
                            .with(Setting.JDBC_URL, jdbcUrl, "--jdbc-url")
                            .with(Setting.JDBC_USER, user, "--user")
                            .with(Setting.JDBC_PASSWORD, password, "--password"))
                    .requireDatabase();
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage(), e);
        }
    }

    /** The replicas: {@code --replica}, else {@code BLOGDB_REPLICA_URLS}; none unless given. */
    List<String> replicaUrls() {
        if (replicas != null) {
            replicas.forEach(url -> refuseEmpty("--replica", url));
            return List.copyOf(replicas);
        }
        return environment
                .settings()
                .get(Setting.REPLICA_URLS)
                .map(urls -> Arrays.stream(urls.split(","))
                        .map(String::strip)
                        .filter(url -> !url.isEmpty())
                        .toList())
                .orElse(List.of());
    }

    private static void refuseEmpty(String option, String value) {
        if (value != null && value.isBlank()) {
            throw new CommandFailure(option + " was given empty: give a value, or leave the option out");
        }
    }

    /**
     * Connects to the database for a command that only reads: a database that is only libpq's
     * default is good enough.
     */
    BlogDb openForReading() {
        return open(target());
    }

    /**
     * Connects to the database for a command that changes data: only to one named explicitly, so
     * that a forgotten option never makes a command write to whatever database the defaults reach.
     */
    BlogDb openForWriting() {
        return open(targetForWriting());
    }

    /** The target, if it was named explicitly; else the failure that says how to name it. */
    ConnectionSettings targetForWriting() {
        ConnectionSettings target = target();
        if (!target.namedExplicitly()) {
            // "post add", not "blogdb post add": the message is printed after "blogdb: " already.
            String name = command.qualifiedName()
                    .substring(command.root().name().length())
                    .strip();
            throw new CommandFailure(name + " changes data, so it acts only on a database named explicitly:"
                    + " pass --jdbc-url jdbc:postgresql://HOST:PORT/DATABASE, or set BLOGDB_JDBC_URL or PGDATABASE");
        }
        return target;
    }

    /**
     * Connects to {@code target}, giving up after the connect timeout with a one-line
     * {@link CommandFailure}; its statements may run as long as the statement timeout says.
     */
    BlogDb open(ConnectionSettings target) {
        try {
            BlogDb.Builder builder = BlogDb.connect(target)
                    .connectTimeout(Duration.ofSeconds(connectTimeoutSeconds))
                    .statementTimeout(Duration.ofSeconds(statementTimeoutSeconds))
                    // A command sends one statement at a time: a pool would only open connections it never uses.
                    .maximumPoolSize(1);
            replicaUrls().forEach(builder::replica);
            return builder.open();
        } catch (InvalidInputException e) {
            throw new CommandFailure("--replica " + e.rule(), e);
        } catch (DatabaseUnavailableException e) {
            // BlogDb's message ends with the root cause's message alone, which for an unknown host is
            // the bare host name: the root cause's kind says what is wrong with it.
            throw new CommandFailure("cannot connect to " + target.url() + ": " + Failures.rootCause(e), e);
        }
    }
}
