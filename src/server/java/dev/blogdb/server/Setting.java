package dev.blogdb.server;

/**
 * The settings that say which PostgreSQL blogdb uses, each a system property and an environment
 * variable of the same meaning. The property wins where both are set (a build's {@code -D} over a
 * shell's export); a blank value counts as unset.
 */
public enum Setting {

    /** A server, or to the command line the database, to use: {@value JdbcUrl#FORM}. */
    JDBC_URL("blogdb.jdbc.url", "BLOGDB_JDBC_URL"),
    /** The user to connect as; else {@code PGUSER}, else {@code postgres}. */
    JDBC_USER("blogdb.jdbc.user", "BLOGDB_JDBC_USER"),
    /** The password; else {@code PGPASSWORD}. */
    JDBC_PASSWORD("blogdb.jdbc.password", "BLOGDB_JDBC_PASSWORD"),
    /** To the command line: read replicas of the database, JDBC URLs separated by commas. */
    REPLICA_URLS("blogdb.replica.urls", "BLOGDB_REPLICA_URLS"),
    /** The PostgreSQL major version a started server runs (container image tag, embedded binaries). */
    POSTGRES_VERSION("blogdb.postgres.version", "BLOGDB_POSTGRES_VERSION"),
    /** The container image Testcontainers starts; else the official {@code postgres} image of the version. */
    POSTGRES_IMAGE("blogdb.postgres.image", "BLOGDB_POSTGRES_IMAGE");

    private final String property;
    private final String variable;

    Setting(String property, String variable) {
        this.property = property;
        this.variable = variable;
    }

    /** The system property, e.g. {@code blogdb.jdbc.url}. */
    public String property() {
        return property;
    }

    /** The environment variable, e.g. {@code BLOGDB_JDBC_URL}. */
    public String variable() {
        return variable;
    }
}
