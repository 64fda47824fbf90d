package dev.blogdb;

import dev.blogdb.bulk.BulkLoader;
import dev.blogdb.core.CommitOutcomeUnknownException;
import dev.blogdb.core.ConcurrencyConflictException;
import dev.blogdb.core.DatabaseUnavailableException;
import dev.blogdb.core.InvalidInputException;
import dev.blogdb.core.StatementTimeoutException;
import dev.blogdb.internal.Citus;
import dev.blogdb.internal.ErrorTranslation;
import dev.blogdb.internal.Inputs;
import dev.blogdb.metrics.BlogDbMetrics;
import dev.blogdb.migration.MigrationException;
import dev.blogdb.migration.Migrations;
import dev.blogdb.post.PostRepository;
import dev.blogdb.replica.ReadRouter;
import dev.blogdb.replica.ReadRouting;
import dev.blogdb.server.ConnectionSettings;
import dev.blogdb.server.JdbcUrl;
import dev.blogdb.user.UserRepository;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.micrometer.core.instrument.MeterRegistry;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

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
    private final int maxTransactionAttempts;
    private final CommitOutcome commitOutcome;
    /** Null unless the application passed a registry: then, and only then, is Micrometer loaded. */
    private final BlogDbMetrics metrics;

    private final Optional<ReadRouter> router;

    private BlogDb(
            HikariDataSource pool, int maxTransactionAttempts, Optional<ReadRouter> router, BlogDbMetrics metrics) {
        this.pool = pool;
        this.maxTransactionAttempts = maxTransactionAttempts;
        this.router = router;
        this.metrics = metrics;
        this.commitOutcome = new CommitOutcome(
                pool,
                Duration.ofMillis(pool.getConnectionTimeout()),
                metrics == null ? outcome -> {} : metrics::lostCommit);
        DSLContext overPool = DSL.using(new DefaultConfiguration()
                .set(router.<ConnectionProvider>map(r -> r).orElseGet(() -> new PoolConnections(pool)))
                .set(SQLDialect.POSTGRES)
                // Read timestamptz as OffsetDateTime from the driver, not as text that jOOQ parses
                // again: that parsing was a fifth of the feed's time in the benchmark's profile.
                .set(new Settings().withBindOffsetDateTimeType(true))
                .set(new EvictionOnConnectionLoss(pool)));
        this.dsl = ErrorTranslation.applyTo(metrics == null ? overPool : metrics.instrument(overPool));
        try {
            Citus.detectOn(dsl);
        } catch (RuntimeException e) { // DatabaseUnavailableException, say: nothing may stay open
            close();
            throw e;
        }
        // Only the repositories' reads may go to a replica: dsl() and transactions keep to the primary.
        this.repositories = Repositories.over(router.map(r -> r.routing(dsl)).orElse(dsl));
    }

    /**
     * Where the repositories' reads went since this {@code BlogDb} opened, and each replica's
     * state and lag; all zeros and no replicas when none is configured (nothing is counted then).
     */
    public ReadRouting readRouting() {
        return router.map(ReadRouter::readRouting).orElseGet(() -> new ReadRouting(0, 0, 0, List.of()));
    }

    /**
     * Starts configuring a connection to the database at {@code jdbcUrl} ({@code jdbc:postgresql://HOST:PORT/DB}).
     *
     * @throws InvalidInputException if it is not a PostgreSQL JDBC URL
     */
    public static Builder connect(String jdbcUrl) {
        Inputs.required("jdbcUrl", jdbcUrl);
        try {
            return new Builder(JdbcUrl.parse(jdbcUrl));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    "jdbcUrl", "must be a PostgreSQL JDBC URL (" + JdbcUrl.FORM + "), was " + JdbcUrl.masked(jdbcUrl));
        }
    }

    /** Starts configuring a connection to the database, and with the credentials, that {@code settings} name. */
    public static Builder connect(ConnectionSettings settings) {
        Inputs.required("settings", settings);
        Builder builder = new Builder(settings.url()).user(settings.user());
        settings.password().ifPresent(builder::password);
        return builder;
    }

    /** The user repository; each call runs in its own transaction. */
    public UserRepository users() {
        return repositories.users();
    }

    /** The post repository; each call runs in its own transaction. */
    public PostRepository posts() {
        return repositories.posts();
    }

    /** The changelog's migrations on this database: apply, roll back, or see what is pending. */
    public Migrations migrations() {
        return Migrations.over(pool);
    }

    /**
     * Runs {@code work} with a {@link BulkLoader}, in one transaction: many users and posts written
     * fast with {@code COPY}, all or nothing. Not retried on a conflict, unlike {@link #transaction}.
     * Each {@code addUsers} and {@code addPosts} is one statement, so the builder's
     * {@link Builder#statementTimeout} bounds each, time spent producing lazy rows included: open a
     * {@code BlogDb} with a longer timeout (or {@link Duration#ZERO}) for very large loads.
     *
     * @return what {@code work} returns
     */
    public <T> T bulkLoad(Function<BulkLoader, T> work) {
        return BulkLoader.load(dsl, work);
    }

    /**
     * The jOOQ context over the pool, for queries of your own over the generated tables
     * ({@code dev.blogdb.jooq}); blogdb's error translation applies.
     */
    public DSLContext dsl() {
        return dsl;
    }

    /**
     * Runs {@code work} in one transaction: it commits if {@code work} returns, and rolls back
     * everything {@code work} did if it throws; the exception is rethrown as it was.
     *
     * <p>If PostgreSQL aborts the transaction for a deadlock or a serialization failure, nothing of
     * it remains, so it is safe to repeat: {@code work} runs again, up to the builder's
     * {@link Builder#maxTransactionAttempts} in all, after a short random pause. {@code work} must
     * therefore do nothing that cannot be repeated other than through the repositories it is given.
     *
     * <p>If the connection is lost while the transaction commits, blogdb asks PostgreSQL on a new
     * connection whether it committed: if it did, this returns normally; if not, it throws
     * {@link DatabaseUnavailableException}, and nothing of the transaction remains.
     *
     * @throws ConcurrencyConflictException  if the last attempt also conflicted
     * @throws DatabaseUnavailableException  if the connection was lost and the transaction did not commit
     * @throws CommitOutcomeUnknownException if the connection was lost during the commit and no new one
     *     could be had within the connect timeout to learn whether it committed
     */
    public void transaction(Consumer<Repositories> work) {
        transactionResult(repositories -> {
            work.accept(repositories);
            return null;
        });
    }

    /** As {@link #transaction}, returning what {@code work} returns. */
    public <T> T transactionResult(Function<Repositories, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return commitOutcome.transactionResult(
                        dsl, configuration -> work.apply(repositories.within(configuration.dsl())));
            } catch (ConcurrencyConflictException conflict) {
                if (attempt >= maxTransactionAttempts) {
                    throw conflict;
                }
                if (metrics != null) {
                    metrics.retried();
                }
                pauseBeforeAttempt(attempt + 1);
            }
        }
    }

    /** A random pause that grows with each attempt, so that the conflicting transactions drift apart. */
    private static void pauseBeforeAttempt(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConcurrencyConflictException("interrupted before retrying a conflicting transaction", e);
        }
    }

    /** Closes the pool, and the replicas' pools. */
    @Override
    public void close() {
        router.ifPresent(ReadRouter::close);
        pool.close();
    }

    /**
     * Hands jOOQ the pool's connections, and says so with {@link DatabaseUnavailableException} when
     * the pool cannot get one in time (jOOQ would wrap the failure in its own exception).
     */
    private record PoolConnections(HikariDataSource pool) implements ConnectionProvider {

        @Override
        public Connection acquire() {
            try {
                return pool.getConnection();
            } catch (SQLException e) {
                throw new DatabaseUnavailableException(
                        "no database connection within " + pool.getConnectionTimeout() + " ms: " + e.getMessage(), e);
            }
        }

        @Override
        public void release(Connection connection) {
            try {
                connection.close();
            } catch (SQLException e) {
                throw new DatabaseUnavailableException(
                        "could not return a connection to the pool: " + e.getMessage(), e);
            }
        }
    }

    /**
     * When one connection is found lost, the database went away for all of them: evict every idle
     * connection at once, so that the calls after an outage get fresh ones instead of each finding
     * another dead connection (HikariCP does not check a connection used in the last 500 ms).
     */
    private record EvictionOnConnectionLoss(HikariDataSource pool) implements ExecuteListener {

        @Override
        public void exception(ExecuteContext context) {
            if (ErrorTranslation.isConnectionLost(ErrorTranslation.sqlExceptionOf(context))) {
                pool.getHikariPoolMXBean().softEvictConnections();
            }
        }
    }

    /** How to reach the database; {@link #open()} connects. */
    public static final class Builder {

        private final JdbcUrl jdbcUrl;
        private String user;
        private String password;
        private int maximumPoolSize = 10;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration statementTimeout = Duration.ofSeconds(30);
        private int maxTransactionAttempts = 3;
        private String applicationName = "blogdb";
        private boolean migrate;
        private MeterRegistry meterRegistry;
        private final List<JdbcUrl> replicas = new ArrayList<>();
        private Duration maxReplicaLag;
        private Duration replicaCheckInterval = Duration.ofMillis(500);

        private Builder(JdbcUrl jdbcUrl) {
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

        /**
         * The longest a statement may run before PostgreSQL cancels it with
         * {@link StatementTimeoutException}; 30 s unless set, {@link Duration#ZERO} for no limit.
         * A server that stops answering altogether is given this long plus 10 s.
         */
        public Builder statementTimeout(Duration statementTimeout) {
            Objects.requireNonNull(statementTimeout, "statementTimeout");
            if (statementTimeout.isNegative()) {
                throw new InvalidInputException("statementTimeout", "must not be negative");
            }
            this.statementTimeout = statementTimeout;
            return this;
        }

        /** How many times {@link BlogDb#transaction} runs a transaction that keeps conflicting; 3 unless set. */
        public Builder maxTransactionAttempts(int maxTransactionAttempts) {
            if (maxTransactionAttempts < 1) {
                throw new InvalidInputException(
                        "maxTransactionAttempts", "must be at least 1, was " + maxTransactionAttempts);
            }
            this.maxTransactionAttempts = maxTransactionAttempts;
            return this;
        }

        /** The name the connections show in {@code pg_stat_activity}; "blogdb" unless set. */
        public Builder applicationName(String applicationName) {
            this.applicationName = Inputs.required("applicationName", applicationName);
            return this;
        }

        /** Whether {@link #open()} applies the changelog's pending changesets first; false unless set. */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        /**
         * Records blogdb's metrics in {@code registry}: a timer and a statement count per repository
         * call, failures by exception type, transaction retries, and HikariCP's pool meters. The
         * names are in {@code docs/guarantees.md}. Without this call nothing is recorded and
         * Micrometer (an optional dependency) need not be present.
         */
        public Builder meterRegistry(MeterRegistry registry) {
            if (registry == null) {
                throw new InvalidInputException("meterRegistry", "is required");
            }
            this.meterRegistry = registry;
            return this;
        }

        /**
         * Adds a read replica: a hot standby of this database, fed by streaming replication, which
         * the repositories' read-only calls (the finds, the feed, the listings, {@code authenticate},
         * {@code countByAuthor}) may use; it is reached with the same user and password. Writes,
         * {@link BlogDb#transaction}, {@link BlogDb#dsl()}, bulk loads and migrations always use
         * the primary.
         *
         * <p><b>Read-your-writes:</b> a read through this {@code BlogDb} never returns data older
         * than the last write this same {@code BlogDb} committed and returned from before the read
         * began (any thread): a replica serves it only once it has replayed the primary's WAL up to
         * where it stood after that commit, else the read goes to the primary at once. Nothing is
         * promised across two {@code BlogDb}s (two application instances): one's reads may miss
         * the other's writes for as long as a replica lags. Reads with no prior write may be as
         * stale as a replica's lag, which {@link #maxReplicaLag} bounds.
         *
         * <p>A replica that is down, refuses, is not in recovery or lags past the bound is skipped
         * without an error to the caller and checked again every {@link #replicaCheckInterval};
         * with every replica out, reads go to the primary. {@link BlogDb#readRouting()} counts
         * where reads went.
         *
         * @throws InvalidInputException if it is not a PostgreSQL JDBC URL
         */
        public Builder replica(String jdbcUrl) {
            Inputs.required("replica", jdbcUrl);
            try {
                replicas.add(JdbcUrl.parse(jdbcUrl));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(
                        "replica",
                        "must be a PostgreSQL JDBC URL (" + JdbcUrl.FORM + "), was " + JdbcUrl.masked(jdbcUrl));
            }
            return this;
        }

        /**
         * The most a replica may lag behind the primary and still serve reads; no bound unless set.
         * Lag is measured every {@link #replicaCheckInterval} and known to within that interval, so
         * a bound below it skips replicas that are merely between two checks.
         */
        public Builder maxReplicaLag(Duration maxReplicaLag) {
            Objects.requireNonNull(maxReplicaLag, "maxReplicaLag");
            if (maxReplicaLag.isNegative()) {
                throw new InvalidInputException("maxReplicaLag", "must not be negative");
            }
            this.maxReplicaLag = maxReplicaLag;
            return this;
        }

        /** How often each replica's health and lag are checked; 500 ms unless set. */
        public Builder replicaCheckInterval(Duration replicaCheckInterval) {
            Objects.requireNonNull(replicaCheckInterval, "replicaCheckInterval");
            if (replicaCheckInterval.toMillis() < 10) {
                throw new InvalidInputException("replicaCheckInterval", "must be at least 10 ms");
            }
            this.replicaCheckInterval = replicaCheckInterval;
            return this;
        }

        /**
         * Opens the pool (one connection at once, to fail fast) and, if asked, migrates.
         *
         * @throws DatabaseUnavailableException if no connection can be made within the connect timeout
         * @throws MigrationException if asked to migrate and a changeset fails
         */
        public BlogDb open() {
            HikariConfig config = poolConfig("blogdb", jdbcUrl);
            config.setConnectionTimeout(connectTimeout.toMillis());
            config.setInitializationFailTimeout(connectTimeout.toMillis());
            // The driver's own connect timeout (seconds), so that an unanswering host fails in time too.
            config.addDataSourceProperty("connectTimeout", Math.max(1, connectTimeout.toSeconds()));
            BlogDbMetrics metrics = meterRegistry == null ? null : BlogDbMetrics.of(meterRegistry, config);
            HikariDataSource pool;
            try {
                pool = new HikariDataSource(config);
            } catch (HikariPool.PoolInitializationException e) {
                throw new DatabaseUnavailableException(
                        "cannot connect to " + jdbcUrl + " within " + connectTimeout.toMillis() + " ms: "
                                + rootMessage(e),
                        e);
            }
            if (migrate) {
                try {
                    Migrations.over(pool).update();
                } catch (RuntimeException e) { // MigrationException or DatabaseUnavailableException
                    pool.close();
                    throw e;
                }
            }
            return new BlogDb(pool, maxTransactionAttempts, router(pool), metrics);
        }

        /**
         * The router over the replicas, if there are any. A replica's pool starts even if the replica
         * is down, and waits for a connection only 250 ms (HikariCP's least): a replica that does not
         * answer must cost a read a short detour, not the primary's connect timeout.
         */
        private Optional<ReadRouter> router(HikariDataSource primary) {
            if (replicas.isEmpty()) {
                return Optional.empty();
            }
            Map<String, HikariDataSource> pools = new LinkedHashMap<>();
            for (int i = 0; i < replicas.size(); i++) {
                HikariConfig config = poolConfig("blogdb-replica-" + (i + 1), replicas.get(i));
                config.setConnectionTimeout(250);
                config.setInitializationFailTimeout(-1);
                config.addDataSourceProperty("connectTimeout", 1);
                pools.put(replicas.get(i).toString(), new HikariDataSource(config));
            }
            return Optional.of(new ReadRouter(
                    new PoolConnections(primary), pools, Optional.ofNullable(maxReplicaLag), replicaCheckInterval));
        }

        private HikariConfig poolConfig(String name, JdbcUrl url) {
            HikariConfig config = new HikariConfig();
            config.setPoolName(name);
            config.setJdbcUrl(url.value());
            config.setUsername(user);
            config.setPassword(password);
            config.setMaximumPoolSize(maximumPoolSize);
            config.addDataSourceProperty("ApplicationName", applicationName);
            if (!statementTimeout.isZero()) {
                config.addDataSourceProperty("options", "-c statement_timeout=" + statementTimeout.toMillis());
                // statement_timeout needs a server that answers; the socket timeout covers one that is gone.
                config.addDataSourceProperty("socketTimeout", statementTimeout.toSeconds() + 10);
            }
            return config;
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
