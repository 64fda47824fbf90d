package dev.blogdb.server;

import java.sql.Connection;
import java.sql.SQLException;

/** A uniquely named database that a {@link PostgresServer} created and drops again on {@link #close()}. */
public final class ThrowawayDatabase implements AutoCloseable {

    private final PostgresServer server;
    private final String name;
    private final ConnectionSettings settings;

    ThrowawayDatabase(PostgresServer server, String name, ConnectionSettings settings) {
        this.server = server;
        this.name = name;
        this.settings = settings;
    }

    /** The database's name, unique on its server. */
    public String name() {
        return name;
    }

    /** Where the database is and the credentials to connect with. */
    public ConnectionSettings settings() {
        return settings;
    }

    /** A JDBC URL that connects to this database. */
    public String jdbcUrl() {
        return settings.url().value();
    }

    /** The user to connect as. */
    public String user() {
        return settings.user();
    }

    /** Opens a new connection to this database. */
    public Connection connect() throws SQLException {
        return PostgresServer.connect(settings);
    }

    /** Drops the database, terminating any connection still open to it. */
    @Override
    public void close() {
        server.dropDatabase(name);
    }
}
