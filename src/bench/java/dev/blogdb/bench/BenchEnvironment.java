package dev.blogdb.bench;

import dev.blogdb.BlogDb;
import dev.blogdb.bench.hibernate.HibernateSide;
import dev.blogdb.core.PageRequest;
import dev.blogdb.server.ConnectionSettings;
import dev.blogdb.server.JdbcUrl;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The sides over the benchmark database, each with a pool of the same size: blogdb's own (through
 * {@link BlogDb}) and HikariCP pools for the hand-written JDBC. JMH's forked JVMs find the
 * database through the system properties that {@link BenchmarkMain} passes them.
 */
public final class BenchEnvironment implements AutoCloseable {

    static final String URL = "blogdb.bench.url";
    static final String USER = "blogdb.bench.user";
    static final String PASSWORD = "blogdb.bench.password";
    static final String DATA_SET = "blogdb.bench.data";

    private final BlogDb blogDb;
    private final HikariDataSource jdbcPool;
    private final HikariDataSource rewritingPool;
    final BlogDbSide blogDbSide;
    final JdbcSide jdbcSide;
    private final ConnectionSettings database;
    private HibernateSide hibernateSide;
    final Targets targets;
    /** W1's page: the first 50 users. */
    final PageRequest firstUsersPage;
    /** W1 at ten times the posts: the 50 heavy users' page. */
    final PageRequest heavyUsersPage;

    /** As many connections per side as the most concurrent callers measured: no caller waits for the pool. */
    static final int POOL_SIZE = 8;

    BenchEnvironment(ConnectionSettings database, DataSet data) {
        blogDb = BlogDb.connect(database).maximumPoolSize(POOL_SIZE).open();
        jdbcPool = pool(database, false);
        rewritingPool = pool(database, true);
        blogDbSide = new BlogDbSide(blogDb.dsl());
        jdbcSide = new JdbcSide(jdbcPool, rewritingPool);
        this.database = database;
        targets = Targets.of(data);
        firstUsersPage = PageRequest.first(Targets.USERS_PAGE);
        heavyUsersPage = Targets.usersPageAfter(blogDb.users(), targets.heavyPageAfter());
    }

    private static HikariDataSource pool(ConnectionSettings database, boolean rewriteBatchedInserts) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.url().value());
        config.setUsername(database.user());
        config.setPassword(database.password().orElse(null));
        config.setMaximumPoolSize(POOL_SIZE);
        if (rewriteBatchedInserts) {
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        return new HikariDataSource(config);
    }

    /**
     * The environment that {@link BenchmarkMain} described in system properties, for one forked
     * benchmark, over a database {@linkplain #settle settled} first.
     */
    static BenchEnvironment fromSystemProperties() throws SQLException {
        DataSet data = "tiny".equals(System.getProperty(DATA_SET)) ? DataSet.TINY : DataSet.FULL;
        String password = System.getProperty(PASSWORD, "");
        ConnectionSettings settings = new ConnectionSettings(
                JdbcUrl.parse(System.getProperty(URL)),
                System.getProperty(USER),
                password.isEmpty() ? Optional.empty() : Optional.of(password),
                Optional.of(URL));
        try (Connection connection = DriverManager.getConnection(
                settings.url().value(), settings.user(), settings.password().orElse(null))) {
            settle(connection);
        }
        return new BenchEnvironment(settings, data);
    }

    /**
     * Gives every benchmark the same clean database: VACUUM ANALYZE, then a CHECKPOINT. W4's
     * rolled-back inserts leave dead rows, the newest published posts, at the head of the feed
     * index, which whichever side read the feed next would pay to mark dead; and they leave
     * hundreds of megabytes of dirty pages, whose checkpoint would otherwise land in the middle of a
     * later benchmark (a W2 run once had a p90 of 4 ms against 0.6 ms). Without the right to
     * CHECKPOINT (superuser or pg_checkpoint), the vacuum alone.
     */
    static void settle(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("VACUUM ANALYZE posts");
            statement.execute("VACUUM ANALYZE users");
            try {
                statement.execute("CHECKPOINT");
            } catch (SQLException e) {
                if (!"42501".equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    /**
     * Hibernate's side, started on first use: its start-up (seconds) would otherwise be paid by
     * every forked JVM, Hibernate's benchmarks or not. Not thread-safe: JMH's setup calls it once.
     */
    HibernateSide hibernateSide() {
        if (hibernateSide == null) {
            hibernateSide = new HibernateSide(database, POOL_SIZE);
        }
        return hibernateSide;
    }

    BlogDb blogDb() {
        return blogDb;
    }

    @Override
    public void close() {
        blogDb.close();
        jdbcPool.close();
        rewritingPool.close();
        if (hibernateSide != null) {
            hibernateSide.close();
        }
    }
}
