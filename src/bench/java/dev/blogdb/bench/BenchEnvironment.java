package dev.blogdb.bench;

import dev.blogdb.BlogDb;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.SQLException;

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

    BenchEnvironment(String url, String user, String password, DataSet data) {
        blogDb = BlogDb.connect(url).user(user).password(password).maximumPoolSize(4).open();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(4);
        jdbcPool = new HikariDataSource(config);
        blogDbSide = new BlogDbSide(blogDb.dsl());
        jdbcSide = new JdbcSide(jdbcPool);
        targets = Targets.of(data);
    }

    /** The environment that {@link BenchmarkMain} described in system properties. */
    static BenchEnvironment fromSystemProperties() {
        DataSet data = "tiny".equals(System.getProperty(DATA_SET)) ? DataSet.TINY : DataSet.FULL;
        return new BenchEnvironment(System.getProperty(URL), System.getProperty(USER), System.getProperty(PASSWORD, ""), data);
    }

    BlogDb blogDb() {
        return blogDb;
    }

    /** A connection of the JDBC pool, for looking up where feed pages start. */
    Connection connection() throws SQLException {
        return jdbcPool.getConnection();
    }

    @Override
    public void close() {
        blogDb.close();
        jdbcPool.close();
    }
}
