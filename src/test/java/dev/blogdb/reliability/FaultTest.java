package dev.blogdb.reliability;

import static dev.blogdb.jooq.Tables.POSTS;
import static dev.blogdb.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.val;

import dev.blogdb.BlogDb;
import dev.blogdb.core.DatabaseUnavailableException;
import dev.blogdb.core.StatementTimeoutException;
import dev.blogdb.server.ThrowawayDatabase;
import dev.blogdb.testing.MigratedDatabase;
import dev.blogdb.testing.OutageProxy;
import dev.blogdb.user.User;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a caller sees when the database goes away under it: a clear exception for the call in
 * flight, nothing half-written, and a pool that serves the next call without a restart.
 */
@ExtendWith(MigratedDatabase.class)
class FaultTest {

    private static final String PASSWORD = "correct horse battery";

    @Test
    void aConnectionTerminatedMidStatementFailsTheCallClearlyAndThePoolServesTheNext(BlogDb blog, DSLContext admin)
            throws Exception {
        CompletableFuture<Integer> inFlight =
                CompletableFuture.supplyAsync(() -> blog.dsl().execute("SELECT pg_sleep(30)"));
        awaitBackendsRunning(admin, "%pg_sleep(30)%");

        terminateBlogDbBackends(admin, "%pg_sleep(30)%");

        assertThatThrownBy(() -> inFlight.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageStartingWith("lost the connection to the database");
        User ada = blog.users().create("ada@example.com", PASSWORD);
        assertThat(blog.users().findById(ada.id())).contains(ada);
    }

    @Test
    void aTransactionCutOffBeforeItCommitsLeavesNothingBehind(BlogDb blog, DSLContext admin) {
        assertThatThrownBy(() -> blog.transaction(tx -> {
                    User ada = tx.users().create("ada@example.com", PASSWORD);
                    tx.posts().create(ada.id(), "first", "content", true);
                    int pid = tx.dsl().fetchSingle("SELECT pg_backend_pid()").get(0, Integer.class);
                    admin.fetch("SELECT pg_terminate_backend({0})", pid);
                    tx.posts().create(ada.id(), "second", "content", true);
                }))
                .isInstanceOf(DatabaseUnavailableException.class);

        assertThat(admin.fetchCount(USERS)).isZero();
        assertThat(admin.fetchCount(POSTS)).isZero();
        assertThat(blog.users().create("ada@example.com", PASSWORD).email()).isEqualTo("ada@example.com");
    }

    @Test
    void aStuckStatementIsCancelledByTheStatementTimeoutAndTheConnectionStaysUsable(ThrowawayDatabase database) {
        try (BlogDb blog = open(database.jdbcUrl(), database)
                .statementTimeout(Duration.ofMillis(300))
                .open()) {
            assertThatThrownBy(() -> blog.dsl().execute("SELECT pg_sleep(20)"))
                    .isInstanceOf(StatementTimeoutException.class)
                    .hasMessageContaining("statement timeout");

            assertThat(blog.users().create("ada@example.com", PASSWORD).email()).isEqualTo("ada@example.com");
        }
    }

    @Test
    void whileTheDatabaseIsUnreachableCallsFailClearlyNothingIsHalfWrittenAndThenCallsSucceedAgain(
            ThrowawayDatabase database, DSLContext admin) throws Exception {
        try (OutageProxy proxy = new OutageProxy(database.jdbcUrl());
                BlogDb blog = open(proxy.jdbcUrl(), database)
                        .connectTimeout(Duration.ofSeconds(1))
                        .open()) {
            User ada = blog.users().create("ada@example.com", PASSWORD);

            assertThatThrownBy(() -> blog.transaction(tx -> {
                        tx.posts().create(ada.id(), "written before the outage", "content", true);
                        cut(proxy);
                        tx.posts().create(ada.id(), "written during the outage", "content", true);
                    }))
                    .isInstanceOf(DatabaseUnavailableException.class);
            assertThatThrownBy(() -> blog.users().findById(ada.id())).isInstanceOf(DatabaseUnavailableException.class);

            proxy.restore();

            assertThat(blog.users().findById(ada.id())).contains(ada);
            assertThat(blog.posts()
                            .create(ada.id(), "after the outage", "content", true)
                            .title())
                    .isEqualTo("after the outage");
            assertThat(admin.fetchValues(POSTS.TITLE)).containsExactly("after the outage");
        }
    }

    private static BlogDb.Builder open(String jdbcUrl, ThrowawayDatabase database) {
        BlogDb.Builder builder = BlogDb.connect(jdbcUrl).user(database.user());
        database.settings().password().ifPresent(builder::password);
        return builder;
    }

    private static void cut(OutageProxy proxy) {
        try {
            proxy.cut();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitBackendsRunning(DSLContext admin, String queryPattern) throws InterruptedException {
        for (int i = 0; i < 100 && blogDbBackends(admin, queryPattern) == 0; i++) {
            Thread.sleep(50);
        }
        assertThat(blogDbBackends(admin, queryPattern))
                .as("the statement is running")
                .isOne();
    }

    private static int blogDbBackends(DSLContext admin, String queryPattern) {
        return admin.fetch(
                        "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                                + " AND application_name = 'blogdb' AND query LIKE {0}",
                        val(queryPattern))
                .size();
    }

    private static void terminateBlogDbBackends(DSLContext admin, String queryPattern) {
        admin.fetch(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND application_name = 'blogdb' AND query LIKE {0}",
                val(queryPattern));
    }
}
