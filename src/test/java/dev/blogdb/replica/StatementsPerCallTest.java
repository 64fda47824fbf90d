package dev.blogdb.replica;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blogdb.Repositories;
import dev.blogdb.core.PageRequest;
import dev.blogdb.post.Post;
import dev.blogdb.server.StreamingReplication;
import dev.blogdb.user.User;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every statement the router and the repositories send, counted on each server's connections at
 * the JDBC level (so the router's own statements count too), on a real primary and standby.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatementsPerCallTest {

    private static final Set<String> STATEMENTS = Set.of("createStatement", "prepareStatement", "prepareCall");

    private final AtomicInteger onPrimary = new AtomicInteger();
    private final AtomicInteger onReplica = new AtomicInteger();
    private StreamingReplication servers;
    private HikariDataSource primaryPool;
    private ReadRouter router;
    private Repositories routed;

    @BeforeAll
    void start() throws Exception {
        servers = StreamingReplication.start();
        servers.createDatabase("blog");
        String primary = servers.primaryUrl("blog");
        try (var migrating = dev.blogdb.BlogDb.connect(primary)
                .user("postgres")
                .migrate(true)
                .open()) {
            assertThat(migrating.migrations().pending()).isEmpty();
        }
        servers.awaitStandbyCaughtUp();
        primaryPool = pool(primary, onPrimary);
        router = new ReadRouter(
                new PoolProvider(primaryPool),
                Map.of("standby", pool(servers.standbyUrl("blog"), onReplica)),
                Optional.empty(),
                Duration.ofHours(1));
        DSLContext dsl = DSL.using(new DefaultConfiguration().set(router).set(SQLDialect.POSTGRES));
        routed = Repositories.over(router.routing(dsl));
    }

    @AfterAll
    void stop() throws Exception {
        router.close();
        primaryPool.close();
        servers.close();
    }

    @BeforeEach
    void resetCounts() {
        onPrimary.set(0);
        onReplica.set(0);
    }

    @Test
    void aReadOnTheReplicaIsTheQueryAndOneCheckOfTheReplayPosition() throws Exception {
        // What the other tests wrote must have reached the standby, else the read goes to the primary.
        servers.awaitStandbyCaughtUp();
        resetCounts();

        routed.posts().feed(PageRequest.first(10));

        assertThat(onReplica).hasValue(2);
        assertThat(onPrimary).hasValue(0);
    }

    @Test
    void aWriteIsItsStatementAndOneReadOfTheWalPosition() {
        routed.users().create("counted@example.com", "correct horse battery");

        assertThat(onPrimary).hasValue(2);
        assertThat(onReplica).hasValue(0);
    }

    @Test
    void aReadThatTheReplicaCannotServeYetCostsTheCheckThereAndTheUnchangedQueryOnThePrimary() throws Exception {
        User author = routed.users().create("behind@example.com", "correct horse battery");
        servers.awaitStandbyCaughtUp();
        servers.onStandby("SELECT pg_wal_replay_pause()");
        try {
            Post post = routed.posts().create(author.id(), "Counted", "statements", true);
            resetCounts();

            assertThat(routed.posts().findWithAuthor(post.id())).isPresent();
            assertThat(onPrimary).hasValue(1);
            assertThat(onReplica).hasValue(1);
        } finally {
            servers.onStandby("SELECT pg_wal_replay_resume()");
        }
    }

    /** A pool whose connections count the statements made on them. */
    private static HikariDataSource pool(String url, AtomicInteger count) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(new org.postgresql.ds.PGSimpleDataSource() {
            @Override
            public Connection getConnection(String user, String password) throws SQLException {
                return counting(DriverManager.getConnection(url, "postgres", ""), count);
            }
        });
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    private static Connection counting(Connection connection, AtomicInteger count) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (STATEMENTS.contains(method.getName())) {
                        count.incrementAndGet();
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private record PoolProvider(HikariDataSource pool) implements ConnectionProvider {
        @Override
        public Connection acquire() {
            try {
                return pool.getConnection();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void release(Connection connection) {
            try {
                connection.close();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
