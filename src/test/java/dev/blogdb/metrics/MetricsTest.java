package dev.blogdb.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blogdb.BlogDb;
import dev.blogdb.core.DatabaseUnavailableException;
import dev.blogdb.core.DuplicateEmailException;
import dev.blogdb.core.UserId;
import dev.blogdb.post.Post;
import dev.blogdb.post.StalePostException;
import dev.blogdb.server.ThrowawayDatabase;
import dev.blogdb.testing.MigratedDatabase;
import dev.blogdb.testing.OutageProxy;
import dev.blogdb.testing.OutageProxy.AtCommit;
import dev.blogdb.user.User;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The meters blogdb records into an application's registry: their names, tags and counts. */
@ExtendWith(MigratedDatabase.class)
class MetricsTest {

    private static final String PASSWORD = "correct horse battery";

    @Test
    void eachRepositoryCallIsTimedWithItsOutcomeAndItsStatementsAndFailuresAreCounted(ThrowawayDatabase database) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (BlogDb blog = open(database, registry)) {
            User ada = blog.users().create("ada@example.com", PASSWORD);
            Post post = blog.posts().create(ada.id(), "draft", "content", false);
            blog.posts().update(post.id(), post.version(), "final", "content", true);
            assertThatThrownBy(() -> blog.posts().update(post.id(), post.version(), "stale", "content", true))
                    .isInstanceOf(StalePostException.class);
            assertThatThrownBy(() -> blog.users().create("ADA@example.com", PASSWORD))
                    .isInstanceOf(DuplicateEmailException.class);
            blog.transaction(tx -> tx.posts().create(ada.id(), "in a transaction", "content", true));

            assertThat(registry.get(BlogDbMetrics.CALLS)
                            .tags("repository", "posts", "method", "create", "outcome", "success")
                            .timer()
                            .count())
                    .isEqualTo(2);
            assertThat(registry.get(BlogDbMetrics.CALLS)
                            .tags("repository", "posts", "method", "update", "outcome", "success")
                            .timer()
                            .count())
                    .isOne();
            assertThat(registry.get(BlogDbMetrics.CALLS)
                            .tags("repository", "posts", "method", "update", "outcome", "error")
                            .timer()
                            .count())
                    .isOne();
            assertThat(registry.get(BlogDbMetrics.CALLS)
                            .tags("repository", "users", "method", "create", "outcome", "error")
                            .timer()
                            .count())
                    .isOne();
            // Two updates: one statement for the one that matched, two for the stale one (the
            // refused UPDATE, then the read of the post as it is, which is no call of its own).
            var updateStatements = registry.get(BlogDbMetrics.STATEMENTS)
                    .tags("repository", "posts", "method", "update")
                    .summary();
            assertThat(updateStatements.count()).isEqualTo(2);
            assertThat(updateStatements.totalAmount()).isEqualTo(3);
            assertThat(registry.find(BlogDbMetrics.CALLS)
                            .tags("method", "findById")
                            .timers())
                    .isEmpty();
            assertThat(registry.get(BlogDbMetrics.ERRORS)
                            .tags("exception", "StalePostException")
                            .counter()
                            .count())
                    .isOne();
            assertThat(registry.get(BlogDbMetrics.ERRORS)
                            .tags("exception", "DuplicateEmailException")
                            .counter()
                            .count())
                    .isOne();
            assertThat(registry.get(BlogDbMetrics.RETRIES).counter().count()).isZero();
        }
    }

    @Test
    void aTransactionRunAgainAfterASerializationFailureCountsOneRetry(ThrowawayDatabase database) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicInteger attempts = new AtomicInteger();
        try (BlogDb blog = open(database, registry)) {
            blog.transaction(tx -> {
                if (attempts.incrementAndGet() == 1) {
                    tx.dsl().execute("DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '40001'; END $$");
                }
            });

            assertThat(attempts).hasValue(2);
            assertThat(registry.get(BlogDbMetrics.RETRIES).counter().count()).isOne();
        }
    }

    @Test
    void aCommitWhoseConnectionWasLostIsCountedByWhatBecameOfIt(ThrowawayDatabase database) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (OutageProxy proxy = new OutageProxy(database.jdbcUrl());
                BlogDb blog = open(database, proxy.jdbcUrl(), registry)) {
            blog.transaction(tx -> {
                tx.users().create("ada@example.com", PASSWORD);
                proxy.cutAtNextCommit(AtCommit.AFTER_DELIVERING);
            });
            assertThatThrownBy(() -> blog.transaction(tx -> {
                        tx.users().create("grace@example.com", PASSWORD);
                        proxy.cutAtNextCommit(AtCommit.BEFORE_DELIVERING);
                    }))
                    .isInstanceOf(DatabaseUnavailableException.class);

            assertThat(registry.get(BlogDbMetrics.LOST_COMMITS)
                            .tags("outcome", "committed")
                            .counter()
                            .count())
                    .isOne();
            assertThat(registry.get(BlogDbMetrics.LOST_COMMITS)
                            .tags("outcome", "aborted")
                            .counter()
                            .count())
                    .isOne();
            assertThat(registry.find(BlogDbMetrics.LOST_COMMITS)
                            .tags("outcome", "unknown")
                            .counter())
                    .isNull();
        }
    }

    @Test
    void thePoolsMetersAreHikariCpsOwnTaggedWithThePoolName(ThrowawayDatabase database) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (BlogDb blog = open(database, registry)) {
            blog.users().findById(new UserId(1));

            assertThat(registry.get("hikaricp.connections.max")
                            .tags("pool", "blogdb")
                            .gauge()
                            .value())
                    .isEqualTo(3);
            assertThat(registry.getMeters().stream()
                            .map(meter -> meter.getId().getName())
                            .filter(name -> name.startsWith("hikaricp."))
                            .distinct()
                            .sorted())
                    .containsAll(List.of(
                            "hikaricp.connections",
                            "hikaricp.connections.active",
                            "hikaricp.connections.idle",
                            "hikaricp.connections.pending",
                            "hikaricp.connections.timeout",
                            "hikaricp.connections.usage"));
            assertThat(registry.getMeters().stream().map(Meter::getId).map(Meter.Id::getName))
                    .allMatch(name -> name.startsWith("hikaricp.") || name.startsWith("blogdb."));
        }
    }

    private static BlogDb open(ThrowawayDatabase database, SimpleMeterRegistry registry) {
        return open(database, database.jdbcUrl(), registry);
    }

    private static BlogDb open(ThrowawayDatabase database, String jdbcUrl, SimpleMeterRegistry registry) {
        BlogDb.Builder builder =
                BlogDb.connect(jdbcUrl).user(database.user()).maximumPoolSize(3).meterRegistry(registry);
        database.settings().password().ifPresent(builder::password);
        return builder.open();
    }
}
