package dev.blogdb.server;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.jooq.QueryPart;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * A PostgreSQL server on which blogdb creates throwaway databases: for code generation at build
 * time, for the tests, for the demo and for the benchmark. {@link #locate()} finds one through one
 * chain, the same for all four; the first step that applies wins:
 * <ol>
 *   <li><b>a named server</b>: {@link Setting#JDBC_URL} ({@code -Dblogdb.jdbc.url} or
 *       {@code BLOGDB_JDBC_URL}), credentials as {@link ConnectionSettings} reads them. If it does
 *       not answer, {@link #locate()} fails: a server named on purpose is never silently replaced;</li>
 *   <li><b>a Testcontainers container</b>, when a Docker engine answers and the image is there, or
 *       can be pulled, within {@value ContainerServer#BOUND_SECONDS} s; otherwise one line says
 *       why it was skipped and the chain goes on;</li>
 *   <li><b>an embedded PostgreSQL</b>: real PostgreSQL binaries from Maven Central, unpacked and run
 *       by this JVM, with no Docker and no installation;</li>
 *   <li>else {@link #locate()} fails with one message that says what was tried.</li>
 * </ol>
 * A server that merely answers on {@code localhost:5432} is not guessed: it is used only when
 * named, so what a build or a test run uses never depends on what else happens to run on the
 * machine, nor on that server's version. Steps 2 and 3 start the PostgreSQL major version pinned
 * in {@code pom.xml} unless {@link Setting#POSTGRES_VERSION} asks for another.
 *
 * <p>blogdb only ever works in databases it creates here and drops again; the database a named URL
 * points at is only connected to. Closing the server drops what is left and stops a container or
 * an embedded server; a JVM shutdown hook does the same if the caller never gets to close it.
 */
public final class PostgresServer implements AutoCloseable {

    /** How the server was found. */
    public enum Kind {
        /** Named by {@link Setting#JDBC_URL}. */
        NAMED,
        /** Started by Testcontainers. */
        CONTAINER,
        /** Started from embedded binaries by this JVM. */
        EMBEDDED
    }

    private static final int CONNECT_TIMEOUT_SECONDS = 5;
    private static final int LOGIN_TIMEOUT_SECONDS = 10;
    private static final int SOCKET_TIMEOUT_SECONDS = 120;
    private static final Pattern DATABASE_PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,40}");

    private final ConnectionSettings maintenance;
    private final Kind kind;
    private final String origin;
    private final String version;
    private final AutoCloseable owned;
    private final Set<String> createdDatabases = ConcurrentHashMap.newKeySet();
    private final Thread shutdownHook = new Thread(this::closeQuietly, "blogdb-throwaway-cleanup");

    /**
     * @param maintenance where to connect to create and drop databases
     * @param kind        how the server was found
     * @param origin      what, besides the kind, tells people which server it is: a URL, an image
     * @param owned       what closing the server must stop (a container, an embedded server), or null
     */
    PostgresServer(ConnectionSettings maintenance, Kind kind, String origin, AutoCloseable owned) throws SQLException {
        this.maintenance = maintenance;
        this.kind = kind;
        this.origin = origin;
        this.owned = owned;
        this.version = queryVersion(maintenance);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Finds a server through the chain described on this class, with this process's settings; each
     * step skipped is reported in one line on standard error.
     *
     * @throws IllegalStateException if no server can be had; the message says what was tried
     */
    public static PostgresServer locate() {
        return locate(Settings.ofThisProcess(), note -> System.err.println("blogdb: " + note));
    }

    /**
     * Finds a server through the chain described on this class.
     *
     * @param notes receives one line for each step that was skipped, and why
     * @throws IllegalStateException if no server can be had; the message says what was tried
     */
    public static PostgresServer locate(Settings settings, Consumer<String> notes) {
        Optional<ConnectionSettings> named;
        try {
            named = ConnectionSettings.named(settings);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (named.isPresent()) {
            return namedServer(named.get());
        }
        PostgresVersion version;
        try {
            version = PostgresVersion.wanted(settings);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        List<String> tried = new ArrayList<>();
        tried.add("no " + Setting.JDBC_URL.property() + " or " + Setting.JDBC_URL.variable() + " is set");

        String image = settings.get(Setting.POSTGRES_IMAGE).orElse(version.officialImage());
        ContainerServer.Attempt container = ContainerServer.start(image);
        if (container.server().isPresent()) {
            return container.server().get();
        }
        String skipped = "Testcontainers skipped: " + container.whySkipped();
        notes.accept(skipped);
        tried.add(skipped);

        try {
            return EmbeddedServer.start(version);
        } catch (IllegalStateException e) {
            tried.add("embedded PostgreSQL " + version + ": " + e.getMessage());
        }
        throw new IllegalStateException("blogdb found no PostgreSQL server for its throwaway databases ("
                + String.join("; ", tried) + "). Name one with -D" + Setting.JDBC_URL.property() + "=" + JdbcUrl.FORM
                + " (or " + Setting.JDBC_URL.variable() + ").");
    }

    private static PostgresServer namedServer(ConnectionSettings settings) {
        try {
            return new PostgresServer(settings, Kind.NAMED, "the server at " + settings.url(), null);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "The PostgreSQL server named by " + settings.namedBy().orElseThrow() + " (" + settings.url()
                            + ") does not answer: " + e.getMessage(),
                    e);
        }
    }

    /** How the server was found. */
    public Kind kind() {
        return kind;
    }

    /** The server's version, as it reports it ({@code 17.6}). */
    public String version() {
        return version;
    }

    /** The server's major version ({@code 17}). */
    public int majorVersion() {
        return Integer.parseInt(version.split("[^0-9]", 2)[0]);
    }

    /** Says, for people, which server this is: {@code PostgreSQL 17.6, embedded}. */
    public String description() {
        return "PostgreSQL " + version + ", " + origin;
    }

    /**
     * Creates an empty database with a unique name that starts with {@code prefix}. It is UTF8
     * whatever the server's default, so that text is stored as given and counted in characters.
     */
    public ThrowawayDatabase createDatabase(String prefix) {
        return create(prefix, "CREATE DATABASE {0} ENCODING 'UTF8' TEMPLATE template0");
    }

    /**
     * Creates a database with a unique name that starts with {@code prefix}, as a copy of
     * {@code template}. PostgreSQL copies a small database in tens of milliseconds; nobody may be
     * connected to the template meanwhile.
     */
    public ThrowawayDatabase createDatabaseFrom(String prefix, ThrowawayDatabase template) {
        return create(prefix, "CREATE DATABASE {0} TEMPLATE {1}", DSL.name(template.name()));
    }

    private ThrowawayDatabase create(String prefix, String createTemplate, QueryPart... templateNames) {
        if (!DATABASE_PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("database prefix must match " + DATABASE_PREFIX + ": " + prefix);
        }
        String name =
                prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        QueryPart[] names = new QueryPart[templateNames.length + 1];
        names[0] = DSL.name(name);
        System.arraycopy(templateNames, 0, names, 1, templateNames.length);
        execute(createTemplate, names);
        createdDatabases.add(name);
        return new ThrowawayDatabase(
                this,
                name,
                new ConnectionSettings(
                        maintenance.url().withDatabase(name),
                        maintenance.user(),
                        maintenance.password(),
                        Optional.of("blogdb")));
    }

    /** Drops a database this server created; connections still open to it are terminated. */
    void dropDatabase(String name) {
        if (createdDatabases.remove(name)) {
            execute("DROP DATABASE IF EXISTS {0} WITH (FORCE)", DSL.name(name));
        }
    }

    /** Runs a plain SQL template whose {0}, {1}... are quoted names, never concatenated text. */
    private void execute(String template, QueryPart... names) {
        try (Connection connection = connect(maintenance)) {
            DSL.using(connection, SQLDialect.POSTGRES).execute(template, names);
        } catch (SQLException | DataAccessException e) {
            throw new IllegalStateException(
                    "On " + description() + ": " + template + " " + List.of(names) + " failed: " + e.getMessage(), e);
        }
    }

    /** Drops the databases this server created that are still there, and stops what it started. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownAlreadyRunning) {
            // Then the hook is what called us, or is about to: closing twice is harmless.
        }
        closeQuietly();
    }

    private synchronized void closeQuietly() {
        for (String name : List.copyOf(createdDatabases)) {
            try {
                dropDatabase(name);
            } catch (RuntimeException e) {
                System.err.println("blogdb: could not drop throwaway database " + name + ": " + e.getMessage());
            }
        }
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                System.err.println("blogdb: could not stop " + description() + ": " + e.getMessage());
            }
        }
    }

    /** A failure's message in one line, for the chain's one-line reports. */
    static String oneLine(Throwable failure) {
        return String.valueOf(failure.getMessage()).strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** Opens a connection with blogdb's connect timeout. */
    static Connection connect(ConnectionSettings settings) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", settings.user());
        settings.password().ifPresent(password -> properties.setProperty("password", password));
        properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        // A server (or a pooler in front of one) that accepts the connection and then stalls must not
        // hang a build, a test run or the JVM's exit: bound the login and every answer too.
        properties.setProperty("loginTimeout", String.valueOf(LOGIN_TIMEOUT_SECONDS));
        properties.setProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT_SECONDS));
        // The driver directly, not DriverManager: inside Maven's Groovy step the driver is loaded by a
        // class loader that DriverManager does not consult.
        Connection connection =
                new org.postgresql.Driver().connect(settings.url().value(), properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL JDBC URL: " + settings.url());
        }
        return connection;
    }

    private static String queryVersion(ConnectionSettings settings) throws SQLException {
        try (Connection connection = connect(settings);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SHOW server_version")) {
            row.next();
            // Debian's builds append their package version: "15.19 (Debian 15.19-0+deb12u1)".
            return row.getString(1).split(" ", 2)[0];
        }
    }
}
