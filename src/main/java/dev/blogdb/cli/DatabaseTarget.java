package dev.blogdb.cli;

import dev.blogdb.db.JdbcUrls;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;

import org.postgresql.Driver;

/**
 * The database a command acts on, and how it was chosen. The first that applies wins:
 * <ol>
 *   <li>{@code --jdbc-url};</li>
 *   <li>the environment variable {@code BLOGDB_JDBC_URL};</li>
 *   <li>a URL built from libpq's variables: {@code PGHOST} (default localhost), {@code PGPORT}
 *       (default 5432) and {@code PGDATABASE} (default: the user's name, as libpq does).</li>
 * </ol>
 * The user is {@code --user}, else {@code BLOGDB_JDBC_USER}, else {@code PGUSER}, else
 * {@code postgres}; the password {@code --password}, else {@code BLOGDB_JDBC_PASSWORD}, else
 * {@code PGPASSWORD}. A user or password inside the URL takes precedence, as the driver decides.
 *
 * @param jdbcUrl  the database's JDBC URL
 * @param user     the user to connect as
 * @param password the password, or {@code null} where the server asks none
 * @param namedBy  what named the database ({@code --jdbc-url}, {@code BLOGDB_JDBC_URL} or
 *                 {@code PGDATABASE}), or empty when it is libpq's default
 */
record DatabaseTarget(String jdbcUrl, String user, String password, Optional<String> namedBy) {

    static final String URL_VARIABLE = "BLOGDB_JDBC_URL";
    private static final String DEFAULT_USER = "postgres";

    /**
     * The target that the options (each {@code null} when not given) and the environment name.
     *
     * @throws CommandFailure if a URL is malformed, or a PG* variable cannot be used
     */
    static DatabaseTarget resolve(String jdbcUrlOption, String userOption, String passwordOption, Environment environment) {
        String user = firstPresent(userOption, environment, "BLOGDB_JDBC_USER", "PGUSER").orElse(DEFAULT_USER);
        String password = firstPresent(passwordOption, environment, "BLOGDB_JDBC_PASSWORD", "PGPASSWORD").orElse(null);
        if (jdbcUrlOption != null) {
            return new DatabaseTarget(checked(jdbcUrlOption, "--jdbc-url"), user, password, Optional.of("--jdbc-url"));
        }
        Optional<String> urlVariable = environment.variable(URL_VARIABLE);
        if (urlVariable.isPresent()) {
            return new DatabaseTarget(checked(urlVariable.get(), URL_VARIABLE), user, password, Optional.of(URL_VARIABLE));
        }
        String host = environment.variable("PGHOST").orElse("localhost");
        if (host.startsWith("/")) {
            throw new CommandFailure("PGHOST=" + host + " is a Unix socket directory, but blogdb connects over TCP only:"
                    + " set PGHOST to a host name, or pass --jdbc-url");
        }
        String port = environment.variable("PGPORT").orElse("5432");
        if (!port.matches("[0-9]{1,5}")) {
            throw new CommandFailure("PGPORT must be a port number, was: " + port);
        }
        Optional<String> database = environment.variable("PGDATABASE");
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + URLEncoder.encode(database.orElse(user), StandardCharsets.UTF_8);
        return new DatabaseTarget(url, user, password, database.map(named -> "PGDATABASE"));
    }

    /** Whether the database was named on purpose, which is what commands that change data require. */
    boolean namedExplicitly() {
        return namedBy.isPresent();
    }

    /** The URL, safe to print: a password among its parameters is masked. */
    String displayUrl() {
        return JdbcUrls.masked(jdbcUrl);
    }

    private static String checked(String url, String source) {
        Properties parsed = url.startsWith("jdbc:postgresql:") ? Driver.parseURL(url, null) : null;
        if (parsed == null) {
            throw new CommandFailure(source + " is not a PostgreSQL JDBC URL (jdbc:postgresql://HOST[:PORT]/DATABASE): " + JdbcUrls.masked(url));
        }
        if (parsed.getProperty("PGDBNAME", "").isEmpty()) {
            throw new CommandFailure(source + " names no database (jdbc:postgresql://HOST[:PORT]/DATABASE): " + JdbcUrls.masked(url));
        }
        return url;
    }

    private static Optional<String> firstPresent(String option, Environment environment, String... variables) {
        if (option != null) {
            return Optional.of(option);
        }
        for (String variable : variables) {
            Optional<String> value = environment.variable(variable);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }
}
