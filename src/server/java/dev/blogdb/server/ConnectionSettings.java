package dev.blogdb.server;

import java.util.Optional;

/**
 * A database to connect to and the credentials to connect with, as the {@link Settings} name them.
 * The one place that reads {@link Setting#JDBC_URL}, the credentials and libpq's variables: the
 * chain that finds a server for throwaway databases and the command line both resolve them here.
 *
 * <p>The user is {@link Setting#JDBC_USER}, else {@code PGUSER}, else {@code postgres}; the password
 * {@link Setting#JDBC_PASSWORD}, else {@code PGPASSWORD}. A user or password inside the URL takes
 * precedence over both, as the driver decides.
 *
 * @param url      the database's JDBC URL
 * @param user     the user to connect as
 * @param password the password, if the server asks for one
 * @param namedBy  what named the database ({@code --jdbc-url}, {@code BLOGDB_JDBC_URL}, {@code PGDATABASE}, ...),
 *                 or empty when it is only libpq's default
 */
public record ConnectionSettings(JdbcUrl url, String user, Optional<String> password, Optional<String> namedBy) {

    private static final String DEFAULT_USER = "postgres";

    /**
     * The database that {@link Setting#JDBC_URL} names, if it is set.
     *
     * @throws IllegalArgumentException if the URL is malformed; the message names where it was set
     */
    public static Optional<ConnectionSettings> named(Settings settings) {
        return settings.find(Setting.JDBC_URL)
                .map(found -> new ConnectionSettings(
                        parse(found), user(settings), password(settings), Optional.of(found.source())));
    }

    /**
     * The database that {@link Setting#JDBC_URL} names, else one built from libpq's variables as
     * {@code psql} would: {@code PGHOST} (default localhost), {@code PGPORT} (default 5432) and
     * {@code PGDATABASE} (default: the user's name). Connections are TCP only.
     *
     * @throws IllegalArgumentException if a URL is malformed, or a PG* variable cannot be used
     */
    public static ConnectionSettings namedOrLibpqDefault(Settings settings) {
        Optional<ConnectionSettings> named = named(settings);
        if (named.isPresent()) {
            return named.get();
        }
        String user = user(settings);
        String host = settings.variable("PGHOST").orElse("localhost");
        if (host.startsWith("/")) {
            throw new IllegalArgumentException("PGHOST=" + host
                    + " is a Unix socket directory, but blogdb connects over TCP only:"
                    + " set PGHOST to a host name, or name the database with a JDBC URL");
        }
        String port = settings.variable("PGPORT").orElse("5432");
        if (!port.matches("[0-9]{1,5}")) {
            throw new IllegalArgumentException("PGPORT must be a port number, was: " + port);
        }
        Optional<String> database = settings.variable("PGDATABASE");
        JdbcUrl url = JdbcUrl.of(host, Integer.parseInt(port), database.orElse(user));
        return new ConnectionSettings(url, user, password(settings), database.map(name -> "PGDATABASE"));
    }

    /** The settings with the password masked: they may go into a message or a test's failure. */
    @Override
    public String toString() {
        return "ConnectionSettings[url=" + url + ", user=" + user + ", password="
                + password.map(given -> "***").orElse("none") + ", namedBy=" + namedBy.orElse("libpq's defaults") + "]";
    }

    /** Whether the database was named on purpose rather than taken from libpq's defaults. */
    public boolean namedExplicitly() {
        return namedBy.isPresent();
    }

    /**
     * These settings, if the URL names a database.
     *
     * @throws IllegalArgumentException if it names none ({@code jdbc:postgresql://host:5432/})
     */
    public ConnectionSettings requireDatabase() {
        if (url.database().isEmpty()) {
            throw new IllegalArgumentException(
                    namedBy.orElse("the URL") + " names no database (" + JdbcUrl.FORM + "): " + url);
        }
        return this;
    }

    private static JdbcUrl parse(Settings.Found found) {
        try {
            return JdbcUrl.parse(found.value());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(found.source() + " is " + e.getMessage(), e);
        }
    }

    private static String user(Settings settings) {
        return settings.get(Setting.JDBC_USER)
                .or(() -> settings.variable("PGUSER"))
                .orElse(DEFAULT_USER);
    }

    private static Optional<String> password(Settings settings) {
        return settings.get(Setting.JDBC_PASSWORD).or(() -> settings.variable("PGPASSWORD"));
    }
}
