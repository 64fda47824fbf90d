package dev.blogdb.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blogdb.BlogDb;
import dev.blogdb.core.DatabaseUnavailableException;
import dev.blogdb.core.PageRequest;
import dev.blogdb.core.PostId;
import dev.blogdb.post.Post;
import dev.blogdb.post.PostWithAuthor;
import dev.blogdb.server.StreamingReplication;
import dev.blogdb.testing.OutageProxy;
import dev.blogdb.user.User;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Read routing on a real primary and a real hot standby fed by streaming replication, both started
 * here from the embedded binaries of the version the tests run on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadReplicaTest {

    private static final String DATABASE = "blog";

    private StreamingReplication servers;
    private String primary;
    private String standby;

    @BeforeAll
    void startPrimaryAndStandby() throws Exception {
        servers = StreamingReplication.start();
        servers.createDatabase(DATABASE);
        primary = servers.primaryUrl(DATABASE);
        standby = servers.standbyUrl(DATABASE);
        try (BlogDb migrating =
                BlogDb.connect(primary).user("postgres").migrate(true).open()) {
            assertThat(migrating.migrations().pending()).isEmpty();
        }
        servers.awaitStandbyCaughtUp();
    }

    @AfterAll
    void stop() throws Exception {
        servers.close();
    }

    private BlogDb.Builder withStandby() {
        return BlogDb.connect(primary).user("postgres").replica(standby);
    }

    @Test
    void aReadRightAfterAWriteSeesItWhileTheStandbyIsPausedAndTheStandbyServesOnceItCatchesUp() throws Exception {
        try (BlogDb blog = withStandby().open();
                BlogDb other = withStandby().open()) {
            User author = blog.users().create("paused@example.com", "correct horse battery");
            servers.awaitStandbyCaughtUp();
            servers.onStandby("SELECT pg_wal_replay_pause()");
            try {
                Post post = blog.posts().create(author.id(), "Written", "while replay is paused", true);

                assertThat(blog.posts().findById(post.id())).contains(post);
                assertThat(blog.readRouting().readsBehindWrites()).isEqualTo(1);
                assertThat(blog.readRouting().replicaReads()).isZero();
                // What is not promised: a BlogDb that did not write reads the paused standby.
                assertThat(other.posts().findById(post.id())).isEmpty();
                assertThat(other.readRouting().replicaReads()).isEqualTo(1);
            } finally {
                servers.onStandby("SELECT pg_wal_replay_resume()");
            }
            servers.awaitStandbyCaughtUp();
            List<Post> byAuthor = blog.posts()
                    .findByAuthor(author.id(), PageRequest.first(10))
                    .items();

            assertThat(byAuthor).hasSize(1);
            assertThat(blog.readRouting().replicaReads()).isEqualTo(1);
            assertThat(blog.readRouting().primaryReads()).isEqualTo(1);
        }
    }

    @Test
    void readsAreSpreadOverTheReplicasInTurn() throws Exception {
        // The one standby under two names: two replicas to the router, each with its own pool.
        String sameStandby = standby.replace("localhost", "127.0.0.1");
        try (BlogDb blog = withStandby().replica(sameStandby).open()) {
            // Opening wrote nothing, but what other tests wrote must have reached the standby.
            servers.awaitStandbyCaughtUp();
            for (int i = 0; i < 10; i++) {
                blog.posts().feed(PageRequest.first(5));
            }

            assertThat(blog.readRouting().replicas())
                    .extracting(ReplicaState::url, ReplicaState::reads)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(standby, 5L),
                            org.assertj.core.groups.Tuple.tuple(sameStandby, 5L));
            assertThat(blog.readRouting().primaryReads()).isZero();
        }
    }

    @Test
    void aStoppedReplicaCostsNoFailedCallAndServesAgainOnceItIsBack() throws Exception {
        try (BlogDb blog =
                withStandby().replicaCheckInterval(Duration.ofMillis(50)).open()) {
            blog.posts().feed(PageRequest.first(5));
            assertThat(blog.readRouting().replicaReads()).isEqualTo(1);

            servers.stopStandby();
            try {
                for (int i = 0; i < 20; i++) {
                    assertThat(blog.posts().feed(PageRequest.first(5)).items()).isNotNull();
                }
                ReadRouting whileDown = blog.readRouting();

                assertThat(whileDown.replicaReads()).isEqualTo(1);
                assertThat(whileDown.primaryReads()).isEqualTo(20);
                assertThat(whileDown.readsWithoutReplica()).isEqualTo(20);
                assertThat(whileDown.replicas().get(0).available()).isFalse();
                assertThat(whileDown.replicas().get(0).problem()).isPresent();
            } finally {
                servers.startStandbyAgain();
            }
            awaitAvailable(blog);
            blog.posts().feed(PageRequest.first(5));

            assertThat(blog.readRouting().replicaReads()).isEqualTo(2);
        }
    }

    @Test
    void aReplicaLaggingPastTheBoundIsSkipped() throws Exception {
        try (BlogDb blog = withStandby()
                        .maxReplicaLag(Duration.ofMillis(200))
                        .replicaCheckInterval(Duration.ofMillis(50))
                        .open();
                BlogDb writer = BlogDb.connect(primary).user("postgres").open()) {
            User author = writer.users().create("lagging@example.com", "correct horse battery");
            servers.awaitStandbyCaughtUp();
            awaitAvailable(blog);
            servers.onStandby("SELECT pg_wal_replay_pause()");
            try {
                writer.posts().create(author.id(), "Unreplayed", "makes the standby lag", true);
                awaitLagAbove(blog, Duration.ofMillis(200));
                long replicaReadsBefore = blog.readRouting().replicaReads();

                blog.posts().feed(PageRequest.first(5));

                assertThat(blog.readRouting().replicaReads()).isEqualTo(replicaReadsBefore);
                assertThat(blog.readRouting().readsWithoutReplica()).isEqualTo(1);
            } finally {
                servers.onStandby("SELECT pg_wal_replay_resume()");
            }
        }
    }

    @Test
    void aReplicaThatRefusesOrIsNoStandbyIsSkippedWithoutAnError() throws Exception {
        String nothingListens = "jdbc:postgresql://localhost:1/" + DATABASE;
        try (BlogDb blog = BlogDb.connect(primary)
                .user("postgres")
                .replica(nothingListens)
                .replica(primary)
                .open()) {
            for (int i = 0; i < 4; i++) {
                assertThat(blog.users().findAll(PageRequest.first(5)).items()).isNotNull();
            }
            ReadRouting routing = blog.readRouting();

            assertThat(routing.primaryReads()).isEqualTo(4);
            assertThat(routing.readsWithoutReplica()).isEqualTo(4);
            assertThat(routing.replicas()).extracting(ReplicaState::available).containsExactly(false, false);
            assertThat(routing.replicas().get(1).problem()).contains("not a standby: the server is not in recovery");
        }
    }

    @Test
    void whileThePrimaryIsUnreachableWritesFailAsTheyDidAndReadsStillGoToTheReplica() throws Exception {
        try (OutageProxy proxy = new OutageProxy(primary);
                BlogDb blog = BlogDb.connect(proxy.jdbcUrl())
                        .user("postgres")
                        .connectTimeout(Duration.ofMillis(500))
                        .replica(standby)
                        .open()) {
            servers.awaitStandbyCaughtUp();
            proxy.cut();

            assertThat(blog.posts().feed(PageRequest.first(5)).items()).isNotNull();
            assertThat(blog.readRouting().replicaReads()).isEqualTo(1);
            assertThatThrownBy(() -> blog.users().create("unreachable@example.com", "correct horse battery"))
                    .isInstanceOf(DatabaseUnavailableException.class);
        }
    }

    @Test
    void underConcurrentWritersAndReadersNoReadIsOlderThanItsCallersLastWrite() throws Exception {
        int writers = 4;
        int rounds = 150;
        try (BlogDb blog = withStandby().open()) {
            List<User> authors = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                authors.add(blog.users().create("writer" + i + "@example.com", "correct horse battery"));
            }
            AtomicInteger violations = new AtomicInteger();
            AtomicLong reads = new AtomicLong();
            ExecutorService threads = Executors.newFixedThreadPool(writers + 2);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (User author : authors) {
                    work.add(threads.submit(() -> {
                        for (int round = 0; round < rounds; round++) {
                            PostId written = blog.posts()
                                    .create(author.id(), "Round " + round, "by " + author.email(), true)
                                    .id();
                            for (int read = 0; read < 3; read++) {
                                List<Post> newest = blog.posts()
                                        .findByAuthor(author.id(), PageRequest.first(1))
                                        .items();
                                reads.incrementAndGet();
                                if (newest.isEmpty() || newest.get(0).id().value() < written.value()) {
                                    violations.incrementAndGet();
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (int reader = 0; reader < 2; reader++) {
                    work.add(threads.submit(() -> {
                        for (int round = 0; round < rounds * 3; round++) {
                            List<PostWithAuthor> feed =
                                    blog.posts().feed(PageRequest.first(10)).items();
                            reads.incrementAndGet();
                            assertThat(feed).isNotNull();
                        }
                        return null;
                    }));
                }
                for (Future<?> done : work) {
                    done.get();
                }
            } finally {
                threads.shutdownNow();
            }
            ReadRouting routing = blog.readRouting();
            System.out.printf(
                    "concurrent reads: %d, by the replica: %d, by the primary: %d (behind writes: %d)%n",
                    reads.get(), routing.replicaReads(), routing.primaryReads(), routing.readsBehindWrites());

            assertThat(violations).hasValue(0);
            assertThat(routing.replicaReads() + routing.primaryReads()).isEqualTo(reads.get());
            assertThat(routing.replicaReads()).isPositive();
        }
    }

    /** Waits, bounded, for the checker to see the replica answer again. */
    private static void awaitAvailable(BlogDb blog) throws InterruptedException {
        for (int attempt = 0; attempt < 600; attempt++) {
            if (blog.readRouting().replicas().get(0).available()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the replica was not available again within 30 s");
    }

    /** Waits, bounded, for the checker to measure the replica's lag past {@code bound}. */
    private static void awaitLagAbove(BlogDb blog, Duration bound) throws InterruptedException {
        for (int attempt = 0; attempt < 600; attempt++) {
            if (blog.readRouting()
                    .replicas()
                    .get(0)
                    .lag()
                    .filter(lag -> lag.compareTo(bound) > 0)
                    .isPresent()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the replica's lag did not pass " + bound + " within 30 s");
    }
}
