package dev.blogdb;

import dev.blogdb.core.CommitOutcomeUnknownException;
import dev.blogdb.core.DatabaseUnavailableException;
import dev.blogdb.internal.ErrorTranslation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.sql.DataSource;

import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Runs a transaction so that a lost answer to its COMMIT is not an unknown outcome. Just before the
 * commit it learns the transaction's id, if PostgreSQL assigned one (only a transaction that wrote
 * gets one). When the connection is lost during the commit, it asks PostgreSQL on a new connection
 * what became of that id ({@code pg_xact_status}): committed, the caller gets the result as if
 * nothing had happened; aborted, a {@link DatabaseUnavailableException} that says nothing remains;
 * in progress, it asks again, after ending the server's process if that still waits idle for the
 * COMMIT that never came. Only when no connection can be had within the connect timeout does the outcome stay unknown:
 * {@link CommitOutcomeUnknownException}. Costs one round trip per transaction, before the commit.
 */
final class CommitOutcome {

    /** How long to wait before asking again while PostgreSQL still sees the transaction in progress. */
    private static final long PAUSE_MILLIS = 20;

    private final DataSource connections;
    private final Duration connectTimeout;
    /** Told what a lost commit turned out to be: "committed", "aborted" or "unknown". */
    private final Consumer<String> lostCommits;

    CommitOutcome(DataSource connections, Duration connectTimeout, Consumer<String> lostCommits) {
        this.connections = connections;
        this.connectTimeout = connectTimeout;
        this.lostCommits = lostCommits;
    }

    /** {@code work} in one transaction on {@code dsl}, with a lost commit resolved as described above. */
    <T> T transactionResult(DSLContext dsl, Function<Configuration, T> work) {
        Attempt<T> attempt = new Attempt<>();
        try {
            return dsl.transactionResult(configuration -> {
                T result = work.apply(configuration);
                attempt.transactionId = transactionId(configuration);
                attempt.result = result;
                attempt.committing = true;
                return result;
            });
        } catch (DatabaseUnavailableException lost) {
            if (!attempt.committing) {
                throw lost; // lost before COMMIT was sent: PostgreSQL rolls the transaction back
            }
            if (attempt.transactionId == null) {
                return attempt.result; // it wrote nothing, so it has no outcome to lose
            }
            try {
                resolve(attempt.transactionId, lost);
            } catch (CommitOutcomeUnknownException unknown) {
                lostCommits.accept("unknown");
                throw unknown;
            } catch (DatabaseUnavailableException aborted) {
                lostCommits.accept("aborted");
                throw aborted;
            }
            lostCommits.accept("committed");
            return attempt.result;
        }
    }

    /** What one run of {@link #transactionResult} learned before its commit. */
    private static final class Attempt<T> {
        Long transactionId;
        T result;
        boolean committing;
    }

    /**
     * The transaction's id, or null if it has none: {@code pg_current_xact_id_if_assigned()}, which
     * assigns none itself. Plain JDBC on the transaction's connection, not a jOOQ query: no
     * rendering, and no execute listener counts it as one of the caller's statements.
     */
    private static Long transactionId(Configuration configuration) {
        return configuration.dsl().connectionResult(connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SELECT pg_current_xact_id_if_assigned()")) {
                row.next();
                String id = row.getString(1);
                return id == null ? null : Long.parseUnsignedLong(id);
            } catch (SQLException e) {
                RuntimeException translated = ErrorTranslation.translate(e);
                throw translated != null
                        ? translated
                        : new DataAccessException("reading the transaction's id failed: " + e.getMessage(), e);
            }
        });
    }

    /** Returns if the transaction committed; throws what the caller must know otherwise. */
    private void resolve(long transactionId, DatabaseUnavailableException lost) {
        long deadline = System.nanoTime() + connectTimeout.toNanos();
        String lastAnswer = "no connection";
        while (true) {
            try (Connection connection = connections.getConnection()) {
                lastAnswer = status(connection, transactionId);
                if (lastAnswer.equals("in progress")) {
                    endIfStillWaitingForCommit(connection, transactionId);
                }
            } catch (SQLException e) {
                lastAnswer = "no answer: " + e.getMessage();
            }
            switch (lastAnswer) {
                case "committed" -> {
                    return;
                }
                case "aborted" ->
                    throw new DatabaseUnavailableException(
                            "lost the connection to the database while committing; PostgreSQL says transaction "
                                    + Long.toUnsignedString(transactionId)
                                    + " was rolled back, so nothing of it remains and it is safe to retry",
                            lost);
                default -> {
                    // "in progress", the server still committing or just ended above; else no answer
                }
            }
            if (System.nanoTime() - deadline >= 0 || !paused()) {
                throw new CommitOutcomeUnknownException(
                        transactionId,
                        "lost the connection to the database while committing, and could not learn within "
                                + connectTimeout.toMillis() + " ms whether transaction "
                                + Long.toUnsignedString(transactionId) + " committed (last answer: "
                                + lastAnswer + ")",
                        lost);
            }
        }
    }

    private static String status(Connection connection, long transactionId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT pg_xact_status(?::xid8)")) {
            query.setString(1, Long.toUnsignedString(transactionId));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return String.valueOf(row.getString(1));
            }
        }
    }

    /**
     * Ends the transaction's server process if it is still idle in the transaction: then the COMMIT
     * never reached it, and the server has not noticed the lost connection (a connection cut without
     * a word can stay open on the server until TCP gives up). It rolls back, and the next question
     * gets "aborted" instead of waiting out the connect timeout. A process that is committing is
     * left alone. The application's own role may end its own processes; a refusal only means waiting.
     */
    private static void endIfStillWaitingForCommit(Connection connection, long transactionId) {
        try (PreparedStatement end =
                connection.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE backend_xid = xid(?::xid8) AND state = 'idle in transaction'")) {
            end.setString(1, Long.toUnsignedString(transactionId));
            end.executeQuery().close();
        } catch (SQLException refused) {
            // not allowed, or the connection failed: ask again after the pause, until the deadline
        }
    }

    /** Waits a moment before asking again; false if interrupted, which ends the asking. */
    private static boolean paused() {
        try {
            Thread.sleep(PAUSE_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
