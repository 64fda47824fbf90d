package dev.blogdb;

import dev.blogdb.db.ErrorTranslation;
import dev.blogdb.db.Migrations;
import dev.blogdb.post.PostRepository;
import dev.blogdb.user.UserRepository;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * blogdb's entry point: a HikariCP connection pool to one PostgreSQL database, the repositories
 * over it, and transactions that span several repository calls.
 *
 * <pre>{@code
 * try (BlogDb blog = BlogDb.connect("jdbc:postgresql://localhost:5432/blog").user("app").migrate(true).open()) {
 *     User ada = blog.users().create("ada@example.com", "correct horse battery");
 *     blog.posts().create(ada.id(), "Hello", "First post", true);
 * }
 * }</pre>
 */
public final class BlogDb implements AutoCloseable {

    private final HikariDataSource pool;
    private final DSLContext dsl;
    private final Repositories repositories;

    private BlogDb(HikariDataSource pool) {
        this.pool = pool;
        this.dsl = ErrorTranslation.applyTo(DSL.using(pool, SQLDialect.POSTGRES));
        this.repositories = Repositories.over(dsl);
    }

    /** Starts configuring a connection to the database at {@code jdbcUrl} ({@code jdbc:postgresql://HOST:PORT/DB}). */
    public static Builder connect(String jdbcUrl) {
        return new Builder(Inputs.required("jdbcUrl", jdbcUrl));
    }

    /** The user repository; each call runs in its own transaction. */
    public UserRepository users() {
        return repositories.users();
    }

    /** The post repository; each call runs in its own transaction. */
    public PostRepository posts() {
        return repositories.posts();
    }

    /** The jOOQ context over the pool, for queries of your own; blogdb's error translation applies. */
    public DSLContext dsl() {
        return dsl;
    }

    /**
     * Runs {@code work} in one transaction: it commits if {@code work} returns, and rolls back
     * everything {@code work} did if it throws; the exception is rethrown as it was.
     */
    public void transaction(Consumer<Repositories> work) {
        dsl.transaction(configuration -> work.accept(Repositories.over(configuration.dsl())));
    }

    /** As {@link #transaction}, returning what {@code work} returns. */
    public <T> T transactionResult(Function<Repositories, T> work) {
        return dsl.transactionResult(configuration -> work.apply(Repositories.over(configuration.dsl())));
    }

    /** Closes the pool. */
    @Override
    public void close() {
        pool.close();
    }

    /** How to reach the database; {@link #open()} connects. */
    public static final class Builder {

        private final String jdbcUrl;
        private String user;
        private String password;
        private int maximumPoolSize = 10;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private boolean migrate;

        private Builder(String jdbcUrl) {
            this.jdbcUrl = jdbcUrl;
        }

        /** The user to connect as (else the URL's, or the driver's default). */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /** The password to connect with. */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** The most connections the pool opens; 10 unless set. */
        public Builder maximumPoolSize(int maximumPoolSize) {
            if (maximumPoolSize < 1) {
                throw new InvalidInputException("maximumPoolSize", "must be at least 1, was " + maximumPoolSize);
            }
            this.maximumPoolSize = maximumPoolSize;
            return this;
        }

        /** How long to wait for a connection before giving up with {@link DatabaseUnavailableException}; 5 s unless set. */
        public Builder connectTimeout(Duration connectTimeout) {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            if (connectTimeout.toMillis() < 250) {
                throw new InvalidInputException("connectTimeout", "must be at least 250 ms (HikariCP's minimum)");
            }
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** Whether {@link #open()} applies the changelog's pending changesets first; false unless set. */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        /**
         * Opens the pool (one connection at once, to fail fast) and, if asked, migrates.
         *
         * @throws DatabaseUnavailableException if no connection can be made within the connect timeout
         */
        public BlogDb open() {
            HikariConfig config = new HikariConfig();
            config.setPoolName("blogdb");
            config.setJdbcUrl(jdbcUrl);
            config.setUsername(user);
            config.setPassword(password);
            config.setMaximumPoolSize(maximumPoolSize);
            config.setConnectionTimeout(connectTimeout.toMillis());
            config.setInitializationFailTimeout(connectTimeout.toMillis());
            // The driver's own connect timeout (seconds), so that an unanswering host fails in time too.
            config.addDataSourceProperty("connectTimeout", Math.max(1, connectTimeout.toSeconds()));
            HikariDataSource pool;
            try {
                pool = new HikariDataSource(config);
            } catch (HikariPool.PoolInitializationException e) {
                throw new DatabaseUnavailableException("cannot connect to " + jdbcUrl + " within " + connectTimeout.toMillis()
                        + " ms: " + rootMessage(e), e);
            }
            if (migrate) {
                try (Connection connection = pool.getConnection()) {
                    Migrations.update(connection);
                } catch (SQLException | RuntimeException e) {
                    pool.close();
                    throw e instanceof SQLException
                            ? new DatabaseUnavailableException("cannot migrate " + jdbcUrl + ": " + e.getMessage(), e)
                            : (RuntimeException) e;
                }
            }
            return new BlogDb(pool);
        }

        private static String rootMessage(Throwable e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return root.getMessage();
        }
    }
}
