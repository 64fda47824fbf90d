package dev.blogdb.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A uniquely named database that a {@link PostgresServer} created and drops again on {@link #close()}.
 */
public final class ThrowawayDatabase implements AutoCloseable {

    private final PostgresServer server;
    private final String name;
    private final String jdbcUrl;
    private final String user;
    private final String password;

    ThrowawayDatabase(PostgresServer server, String name, String jdbcUrl, String user, String password) {
        this.server = server;
        this.name = name;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** The database's name, unique on its server. */
    public String name() {
        return name;
    }

    /** A JDBC URL that connects to this database. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The user to connect as. */
    public String user() {
        return user;
    }

    /** The password to connect with, or {@code null} where the server needs none. */
    public String password() {
        return password;
    }

    /** Opens a new connection to this database. */
    public Connection connect() throws SQLException {
        return server.connect(jdbcUrl);
    }

    /** Drops the database, terminating any connection still open to it. */
    @Override
    public void close() {
        server.dropDatabase(name);
    }
}
