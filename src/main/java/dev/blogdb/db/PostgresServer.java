package dev.blogdb.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jooq.QueryPart;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * A PostgreSQL server on which blogdb may create throwaway databases: for code generation at build
 * time, for the tests, and for the demo. The server is found through one chain, first match wins:
 * <ol>
 *   <li>an explicit JDBC URL: system property {@value #URL_PROPERTY} or environment variable
 *       {@value #URL_VARIABLE} (credentials from {@code blogdb.jdbc.user}/{@code BLOGDB_JDBC_USER} and
 *       {@code blogdb.jdbc.password}/{@code BLOGDB_JDBC_PASSWORD}, else {@code PGUSER}/{@code PGPASSWORD});</li>
 *   <li>a container started by Testcontainers, when a Docker engine answers (image from
 *       {@code blogdb.postgres.image}/{@code BLOGDB_POSTGRES_IMAGE}, default {@value #DEFAULT_IMAGE});</li>
 *   <li>a server on {@code localhost:5432}, if one answers;</li>
 *   <li>else {@link #locate()} fails with a message that says how to provide one.</li>
 * </ol>
 * The database named in an explicit URL is only connected to, to create and drop databases of
 * blogdb's own: no existing database's content is ever touched.
 *
 * <p>Closing the server drops every database it created that is still there and stops its
 * container; a JVM shutdown hook does the same if the caller never gets to close it.
 */
public final class PostgresServer implements AutoCloseable {

    /** System property naming an explicit server. */
    public static final String URL_PROPERTY = "blogdb.jdbc.url";
    /** Environment variable naming an explicit server. */
    public static final String URL_VARIABLE = "BLOGDB_JDBC_URL";
    /** The Testcontainers image used unless {@code blogdb.postgres.image} names another. */
    public static final String DEFAULT_IMAGE = "postgres:17-alpine";

    private static final String LOCAL_URL = "jdbc:postgresql://localhost:5432/postgres";
    private static final int CONNECT_TIMEOUT_SECONDS = 5;
    private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:postgresql://[^/?]*)(?:/([^?]*))?(\\?.*)?$");
    private static final Pattern DATABASE_PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,40}");

    private static final List<Path> LINUX_DOCKER_SOCKETS = linuxDockerSockets();

    private final String maintenanceUrl;
    private final String user;
    private final String password;
    private final String description;
    private final AutoCloseable container;
    private final Set<String> createdDatabases = ConcurrentHashMap.newKeySet();
    private final Thread shutdownHook = new Thread(this::closeQuietly, "blogdb-throwaway-cleanup");

    private PostgresServer(String maintenanceUrl, String user, String password, String description, AutoCloseable container) {
        this.maintenanceUrl = maintenanceUrl;
        this.user = user;
        this.password = password;
        this.description = description;
        this.container = container;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Finds a server through the chain described on this class.
     *
     * @throws IllegalStateException if no server can be found; the message says what was tried
     */
    public static PostgresServer locate() {
        String explicitUrl = setting(URL_PROPERTY, URL_VARIABLE);
        String user = firstNonBlank(setting("blogdb.jdbc.user", "BLOGDB_JDBC_USER"), System.getenv("PGUSER"), "postgres");
        String password = firstNonBlank(setting("blogdb.jdbc.password", "BLOGDB_JDBC_PASSWORD"), System.getenv("PGPASSWORD"));
        if (explicitUrl != null) {
            String problem = probe(explicitUrl, user, password);
            if (problem != null) {
                throw new IllegalStateException("The PostgreSQL server named by " + URL_PROPERTY + "/" + URL_VARIABLE
                        + " (" + JdbcUrls.masked(explicitUrl) + ") does not answer: " + problem);
            }
            return new PostgresServer(explicitUrl, user, password, "the server at " + JdbcUrls.masked(explicitUrl), null);
        }

        List<String> tried = new ArrayList<>();
        tried.add("no " + URL_PROPERTY + " or " + URL_VARIABLE + " is set");
        String dockerProblem = dockerProblem();
        if (dockerProblem == null) {
            return Containers.start(firstNonBlank(setting("blogdb.postgres.image", "BLOGDB_POSTGRES_IMAGE"), DEFAULT_IMAGE));
        }
        tried.add("Testcontainers: " + dockerProblem);

        String localProblem = probe(LOCAL_URL, user, password);
        if (localProblem == null) {
            return new PostgresServer(LOCAL_URL, user, password, "the local server at localhost:5432", null);
        }
        tried.add("localhost:5432: " + localProblem);

        throw new IllegalStateException("blogdb found no PostgreSQL server for its throwaway databases ("
                + String.join("; ", tried) + "). Provide one of: -D" + URL_PROPERTY + "=jdbc:postgresql://HOST:PORT/DB"
                + " (or " + URL_VARIABLE + "), a running Docker engine, or a PostgreSQL server on localhost:5432.");
    }

    /** Says, for people, which server this is. */
    public String description() {
        return description;
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
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        QueryPart[] names = new QueryPart[templateNames.length + 1];
        names[0] = DSL.name(name);
        System.arraycopy(templateNames, 0, names, 1, templateNames.length);
        execute(createTemplate, names);
        createdDatabases.add(name);
        return new ThrowawayDatabase(this, name, withDatabase(maintenanceUrl, name), user, password);
    }

    /** Drops a database this server created; connections still open to it are terminated. */
    void dropDatabase(String name) {
        if (createdDatabases.remove(name)) {
            execute("DROP DATABASE IF EXISTS {0} WITH (FORCE)", DSL.name(name));
        }
    }

    /** Opens a connection to a database on this server, with blogdb's connect timeout. */
    Connection connect(String url) throws SQLException {
        return open(url, user, password);
    }

    /** Runs a plain SQL template whose {0}, {1}... are quoted names, never concatenated text. */
    private void execute(String template, QueryPart... names) {
        try (Connection connection = connect(maintenanceUrl)) {
            DSL.using(connection, SQLDialect.POSTGRES).execute(template, names);
        } catch (SQLException | DataAccessException e) {
            throw new IllegalStateException("On " + description + ": " + template + " " + List.of(names) + " failed: " + e.getMessage(), e);
        }
    }

    /** Drops the databases this server created that are still there, and stops its container. */
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
        if (container != null) {
            try {
                container.close();
            } catch (Exception e) {
                System.err.println("blogdb: could not stop the PostgreSQL container: " + e.getMessage());
            }
        }
    }

    /** Replaces the database in a PostgreSQL JDBC URL, keeping host, port and parameters. */
    static String withDatabase(String url, String database) {
        Matcher matcher = JDBC_URL.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL (jdbc:postgresql://HOST[:PORT]/DATABASE): " + url);
        }
        return matcher.group(1) + "/" + database + (matcher.group(3) == null ? "" : matcher.group(3));
    }

    private static Connection open(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        // The driver directly, not DriverManager: inside Maven's Groovy step the driver is loaded by a
        // class loader that DriverManager does not consult.
        Connection connection = new org.postgresql.Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL JDBC URL: " + url);
        }
        return connection;
    }

    /** Returns null if the server answers, else why not. */
    private static String probe(String url, String user, String password) {
        try (Connection ignored = open(url, user, password)) {
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private static List<Path> linuxDockerSockets() {
        Path home = Path.of(System.getProperty("user.home"));
        List<Path> sockets = new ArrayList<>(List.of(
                Path.of("/var/run/docker.sock"), home.resolve(".docker/run/docker.sock"), home.resolve(".docker/desktop/docker.sock")));
        String runtimeDirectory = System.getenv("XDG_RUNTIME_DIR");
        if (runtimeDirectory != null) {
            sockets.add(Path.of(runtimeDirectory, "docker.sock"));
        }
        return List.copyOf(sockets);
    }

    /** Returns null if a Docker engine may answer Testcontainers, else why not. */
    private static String dockerProblem() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory");
        } catch (ClassNotFoundException e) {
            return "Testcontainers is not on the classpath";
        }
        // Asking Testcontainers on a Linux machine with no engine at all logs a page of errors: look first.
        if (System.getenv("DOCKER_HOST") == null && isLinux() && LINUX_DOCKER_SOCKETS.stream().noneMatch(Files::exists)) {
            return "no Docker engine (DOCKER_HOST is not set and no Docker socket exists)";
        }
        return Containers.dockerAvailable() ? null : "the Docker engine does not answer";
    }

    private static boolean isLinux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }

    private static String setting(String property, String variable) {
        return firstNonBlank(System.getProperty(property), System.getenv(variable));
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    /** Kept apart so that this class loads where Testcontainers is absent. */
    private static final class Containers {

        static boolean dockerAvailable() {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        }

        static PostgresServer start(String image) {
            var container = new org.testcontainers.postgresql.PostgreSQLContainer(
                    org.testcontainers.utility.DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"));
            try {
                container.start();
            } catch (RuntimeException e) {
                container.close();
                throw new IllegalStateException("Testcontainers could not start PostgreSQL from image " + image
                        + " (set blogdb.postgres.image or BLOGDB_POSTGRES_IMAGE to an image this engine has, or "
                        + URL_VARIABLE + " to a server): " + e.getMessage(), e);
            }
            return new PostgresServer(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                    "a Testcontainers PostgreSQL (" + image.toLowerCase(Locale.ROOT) + ")", container);
        }
    }
}
