package dev.blogdb.bench;

import dev.blogdb.BlogDb;
import dev.blogdb.server.ConnectionSettings;
import dev.blogdb.server.JdbcUrl;

import java.util.Optional;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The two sides over the benchmark database, each with a pool of the same size: blogdb's own
 * (through {@link BlogDb}) and a HikariCP pool for the hand-written JDBC. JMH's forked JVMs find the
 * database through the system properties that {@link BenchmarkMain} passes them.
 */
public final class BenchEnvironment implements AutoCloseable {

    static final String URL = "blogdb.bench.url";
    static final String USER = "blogdb.bench.user";
    static final String PASSWORD = "blogdb.bench.password";
    static final String DATA_SET = "blogdb.bench.data";

    private final BlogDb blogDb;
    private final HikariDataSource jdbcPool;
    final BlogDbSide blogDbSide;
    final JdbcSide jdbcSide;
    final Targets targets;

    BenchEnvironment(ConnectionSettings database, DataSet data) {
        blogDb = BlogDb.connect(database).maximumPoolSize(4).open();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.url().value());
        config.setUsername(database.user());
        config.setPassword(database.password().orElse(null));
        config.setMaximumPoolSize(4);
        jdbcPool = new HikariDataSource(config);
        blogDbSide = new BlogDbSide(blogDb.dsl());
        jdbcSide = new JdbcSide(jdbcPool);
        targets = Targets.of(data);
    }

    /** The environment that {@link BenchmarkMain} described in system properties. */
    static BenchEnvironment fromSystemProperties() {
        DataSet data = "tiny".equals(System.getProperty(DATA_SET)) ? DataSet.TINY : DataSet.FULL;
        String password = System.getProperty(PASSWORD, "");
        return new BenchEnvironment(
                new ConnectionSettings(
                        JdbcUrl.parse(System.getProperty(URL)),
                        System.getProperty(USER),
                        password.isEmpty() ? Optional.empty() : Optional.of(password),
                        Optional.of(URL)),
                data);
    }

    BlogDb blogDb() {
        return blogDb;
    }

    @Override
    public void close() {
        blogDb.close();
        jdbcPool.close();
    }
}
