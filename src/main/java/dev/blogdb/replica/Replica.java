package dev.blogdb.replica;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariDataSource;

/** One hot standby: its pool and what the router knows of it. Thread-safe. */
final class Replica {

    /** What asking a replica for a connection gave. */
    enum Answer {
        /** It has replayed far enough: the connection is the caller's. */
        SERVES,
        /** It answers, but has not replayed far enough yet. */
        BEHIND,
        /** It does not answer as a standby: down, refusing, or not in recovery. */
        FAILED
    }

    /** A connection, if the answer is {@link Answer#SERVES}. */
    record Offer(Answer answer, Connection connection) {}

    private final String url;
    private final HikariDataSource pool;
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong(-1);
    private volatile boolean available;
    private volatile String problem = "not checked yet";
    /** When (System.nanoTime) the newest primary position it had replayed at its last check was read; -1 if never. */
    private volatile long freshAsOf = -1;

    private volatile Duration lag;

    Replica(String url, HikariDataSource pool) {
        this.url = url;
        this.pool = pool;
    }

    boolean available() {
        return available;
    }

    /** Whether its lag, as last checked, is known and within {@code bound}. */
    boolean lagsAtMost(Duration bound) {
        Duration known = lag;
        return known != null && known.compareTo(bound) <= 0;
    }

    /**
     * A connection to it if it has replayed at least up to {@code required}. Asking it costs one
     * statement, which also proves the pooled connection alive, so that a replica stopped since the
     * last check costs the caller a detour to the primary, not a failure.
     */
    Offer offer(long required) {
        Connection connection = null;
        try {
            connection = pool.getConnection();
            OptionalLong position = Lsn.read(connection, Lsn.REPLAYED);
            if (position.isEmpty()) {
                markUnavailable("not a standby: the server is not in recovery");
                connection.close();
                return new Offer(Answer.FAILED, null);
            }
            replayed.accumulateAndGet(position.getAsLong(), Math::max);
            if (position.getAsLong() >= required) {
                reads.incrementAndGet();
                return new Offer(Answer.SERVES, connection);
            }
            connection.close();
            return new Offer(Answer.BEHIND, null);
        } catch (SQLException e) {
            markUnavailable(e.getMessage());
            if (connection != null) {
                pool.evictConnection(connection);
            }
            return new Offer(Answer.FAILED, null);
        }
    }

    /**
     * Checks it against the primary's recent positions (oldest first, each read at the paired
     * System.nanoTime): whether it answers as a standby, how far it has replayed, and so its lag.
     */
    void check(long[] primaryPositions, long[] readAt) {
        try (Connection connection = pool.getConnection()) {
            OptionalLong position = Lsn.read(connection, Lsn.REPLAYED);
            if (position.isEmpty()) {
                markUnavailable("not a standby: the server is not in recovery");
                return;
            }
            long now = replayed.accumulateAndGet(position.getAsLong(), Math::max);
            for (int i = primaryPositions.length - 1; i >= 0; i--) {
                if (primaryPositions[i] <= now) {
                    freshAsOf = Math.max(freshAsOf, readAt[i]);
                    break;
                }
            }
            long latest = readAt.length == 0 ? -1 : readAt[readAt.length - 1];
            lag = freshAsOf < 0 || latest < 0 ? null : Duration.ofNanos(Math.max(0, latest - freshAsOf));
            problem = null;
            available = true;
        } catch (SQLException e) {
            markUnavailable(e.getMessage());
            pool.getHikariPoolMXBean().softEvictConnections();
        }
    }

    private void markUnavailable(String why) {
        problem = why;
        available = false;
    }

    ReplicaState state() {
        long position = replayed.get();
        return new ReplicaState(
                url,
                available,
                Optional.ofNullable(lag),
                position < 0 ? "unknown" : Lsn.format(position),
                reads.get(),
                Optional.ofNullable(problem));
    }

    void close() {
        pool.close();
    }
}
