package dev.blogdb.reliability;

import static dev.blogdb.jooq.Tables.POSTS;
import static dev.blogdb.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blogdb.BlogDb;
import dev.blogdb.core.CommitOutcomeUnknownException;
import dev.blogdb.core.DatabaseUnavailableException;
import dev.blogdb.core.UserId;
import dev.blogdb.server.ThrowawayDatabase;
import dev.blogdb.testing.MigratedDatabase;
import dev.blogdb.testing.OutageProxy;
import dev.blogdb.testing.OutageProxy.AtCommit;
import dev.blogdb.user.User;

import java.time.Duration;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A connection that dies during COMMIT, cut by {@link OutageProxy} exactly there: the caller learns
 * whether the transaction committed, because blogdb asks PostgreSQL on a new connection.
 */
@ExtendWith(MigratedDatabase.class)
class CommitOutcomeTest {

    private static final String PASSWORD = "correct horse battery";

    @Test
    void aCommitThatLandedButWhoseAnswerWasLostReturnsNormally(ThrowawayDatabase database, DSLContext admin)
            throws Exception {
        try (OutageProxy proxy = new OutageProxy(database.jdbcUrl());
                BlogDb blog = open(proxy, database)) {
            String title = blog.transactionResult(tx -> {
                User ada = tx.users().create("ada@example.com", PASSWORD);
                String created =
                        tx.posts().create(ada.id(), "kept", "content", true).title();
                proxy.cutAtNextCommit(AtCommit.AFTER_DELIVERING);
                return created;
            });

            assertThat(title).isEqualTo("kept");
            assertThat(admin.fetchValues(USERS.EMAIL)).containsExactly("ada@example.com");
            assertThat(admin.fetchValues(POSTS.TITLE)).containsExactly("kept");
        }
    }

    @Test
    void aCommitThatNeverReachedTheServerIsDatabaseUnavailableSayingNothingRemains(
            ThrowawayDatabase database, DSLContext admin) throws Exception {
        try (OutageProxy proxy = new OutageProxy(database.jdbcUrl());
                BlogDb blog = open(proxy, database)) {
            assertThatThrownBy(() -> blog.transaction(tx -> {
                        User ada = tx.users().create("ada@example.com", PASSWORD);
                        tx.posts().create(ada.id(), "lost", "content", true);
                        proxy.cutAtNextCommit(AtCommit.BEFORE_DELIVERING);
                    }))
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageStartingWith(
                            "lost the connection to the database while committing; PostgreSQL says transaction ")
                    .hasMessageEndingWith(" was rolled back, so nothing of it remains and it is safe to retry");

            assertThat(admin.fetchCount(USERS)).isZero();
            assertThat(admin.fetchCount(POSTS)).isZero();
            assertThat(blog.users().create("ada@example.com", PASSWORD).email()).isEqualTo("ada@example.com");
        }
    }

    @Test
    void aCommitLostOnTheWayWhileTheServerStillHoldsTheTransactionIsEndedAndReportedRolledBack(
            ThrowawayDatabase database, DSLContext admin) throws Exception {
        try (OutageProxy proxy = new OutageProxy(database.jdbcUrl());
                BlogDb blog = open(proxy, database)) {
            assertThatThrownBy(() -> blog.transaction(tx -> {
                        tx.users().create("ada@example.com", PASSWORD);
                        proxy.cutAtNextCommit(AtCommit.SWALLOWED_SILENTLY);
                    }))
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageEndingWith(" was rolled back, so nothing of it remains and it is safe to retry");

            assertThat(admin.fetchCount(USERS)).isZero();
        }
    }

    @Test
    void whenNoConnectionCanBeHadAfterALostCommitTheOutcomeIsReportedUnknownWithTheTransactionId(
            ThrowawayDatabase database, DSLContext admin) throws Exception {
        try (OutageProxy proxy = new OutageProxy(database.jdbcUrl());
                BlogDb blog = open(proxy, database)) {
            assertThatThrownBy(() -> blog.transaction(tx -> {
                        tx.users().create("ada@example.com", PASSWORD);
                        proxy.cutAtNextCommit(AtCommit.BEFORE_DELIVERING_THEN_OUTAGE);
                    }))
                    .isInstanceOfSatisfying(
                            CommitOutcomeUnknownException.class,
                            // PostgreSQL refuses an id it never assigned; this one it knows, never committed.
                            unknown -> assertThat(admin.fetchValue(
                                            "SELECT pg_xact_status({0}::xid8)", Long.toString(unknown.transactionId())))
                                    .isIn("in progress", "aborted"))
                    .hasMessageContaining("while committing, and could not learn within 1000 ms whether transaction ");
            assertThat(admin.fetchCount(USERS)).isZero();
        }
    }

    @Test
    void aTransactionThatWroteNothingReturnsNormallyWhenItsCommitIsLost(ThrowawayDatabase database) throws Exception {
        try (OutageProxy proxy = new OutageProxy(database.jdbcUrl());
                BlogDb blog = open(proxy, database)) {
            int count = blog.transactionResult(tx -> {
                int users = tx.posts().countByAuthor(new UserId(1));
                proxy.cutAtNextCommit(AtCommit.BEFORE_DELIVERING_THEN_OUTAGE);
                return users;
            });

            assertThat(count).isZero();
        }
    }

    private static BlogDb open(OutageProxy proxy, ThrowawayDatabase database) {
        BlogDb.Builder builder =
                BlogDb.connect(proxy.jdbcUrl()).user(database.user()).connectTimeout(Duration.ofSeconds(1));
        database.settings().password().ifPresent(builder::password);
        return builder.open();
    }
}
