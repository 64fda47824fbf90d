package dev.blogdb.reliability;

import static dev.blogdb.jooq.Tables.POSTS;
import static dev.blogdb.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.val;

import dev.blogdb.BlogDb;
import dev.blogdb.core.BlogDbException;
import dev.blogdb.core.ConcurrencyConflictException;
import dev.blogdb.core.DatabaseUnavailableException;
import dev.blogdb.core.PageRequest;
import dev.blogdb.core.PostId;
import dev.blogdb.core.UnknownAuthorException;
import dev.blogdb.core.UserId;
import dev.blogdb.post.Post;
import dev.blogdb.post.StalePostException;
import dev.blogdb.server.ThrowawayDatabase;
import dev.blogdb.testing.MigratedDatabase;
import dev.blogdb.user.UserDeletion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bounded soak: worker threads run a mixed workload through one {@link BlogDb} while another
 * thread terminates the pool's connections at random moments. It lasts {@code blogdb.soak.seconds}
 * (10 unless set; {@code -Dblogdb.soak.seconds=60} for the full soak) and writes its figures to
 * {@code target/soak-report.txt}.
 *
 * <p>The threads keep a ledger of what each call reported as committed. A write cut off by a killed
 * connection may or may not have committed (the commit's answer was lost), so it is recorded as
 * ambiguous; every other outcome must match the database exactly.
 */
@ExtendWith(MigratedDatabase.class)
class SoakTest {

    private static final Duration DURATION = Duration.ofSeconds(Long.getLong("blogdb.soak.seconds", 10));
    private static final int WORKERS = 4;
    private static final String APPLICATION = "blogdb-soak";
    private static final String PASSWORD = "correct horse battery";

    private final Map<PostId, UserId> committedPosts = new ConcurrentHashMap<>();
    private final Set<PostId> deletedPosts = ConcurrentHashMap.newKeySet();
    private final Set<UserId> committedUsers = ConcurrentHashMap.newKeySet();
    private final Set<UserId> deletedUsers = ConcurrentHashMap.newKeySet();
    private final Set<PostId> maybeDeletedPosts = ConcurrentHashMap.newKeySet();
    private final Set<UserId> maybeDeletedUsers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger maybeCreatedPosts = new AtomicInteger();
    private final AtomicInteger maybeCreatedUsers = new AtomicInteger();
    private final AtomicInteger cascadedPosts = new AtomicInteger();
    private final List<UserId> liveUsers = new CopyOnWriteArrayList<>();
    private final List<PostId> knownPosts = new CopyOnWriteArrayList<>();
    private final Map<String, LongAdder> operations = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final List<Throwable> unexpected = new CopyOnWriteArrayList<>();
    private final AtomicInteger emails = new AtomicInteger();
    private final AtomicInteger kills = new AtomicInteger();

    @Test
    void aMixedWorkloadWhileConnectionsAreKilledKeepsEveryInvariant(ThrowawayDatabase database, DSLContext admin)
            throws Exception {
        long start;
        long elapsedNanos;
        try (BlogDb blog = BlogDb.connect(database.settings())
                .applicationName(APPLICATION)
                .maximumPoolSize(WORKERS + 1)
                .connectTimeout(Duration.ofSeconds(2))
                .open()) {
            for (int i = 0; i < 10; i++) {
                createUser(blog);
            }
            start = System.nanoTime();
            long deadline = start + DURATION.toNanos();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < WORKERS; i++) {
                threads.add(new Thread(() -> work(blog, deadline), "soak-worker-" + i));
            }
            threads.add(new Thread(() -> killConnections(admin, deadline), "soak-killer"));
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                thread.join();
            }
            elapsedNanos = System.nanoTime() - start;
        }

        String report = report(elapsedNanos);
        System.out.println(report);
        Files.writeString(Path.of("target", "soak-report.txt"), report);

        assertThat(unexpected)
                .as("exceptions other than blogdb's expected ones")
                .isEmpty();
        assertThat(kills.get()).as("connections were killed during the run").isPositive();
        assertInvariants(admin);
    }

    private void work(BlogDb blog, long deadline) {
        while (System.nanoTime() < deadline) {
            int dice = ThreadLocalRandom.current().nextInt(100);
            if (dice < 30) {
                run("create post", () -> createPost(blog), UnknownAuthorException.class);
            } else if (dice < 48) {
                run("read feed", () -> readFeed(blog));
            } else if (dice < 62) {
                run(
                        "read post with author",
                        () -> any(knownPosts).ifPresent(id -> blog.posts().findWithAuthor(id)));
            } else if (dice < 72) {
                // Read, then update the version read: another thread may have updated it in between.
                run(
                        "update post",
                        () -> any(knownPosts)
                                .flatMap(id -> blog.posts().findById(id))
                                .ifPresent(post ->
                                        blog.posts().update(post.id(), post.version(), "updated", "new content", true)),
                        StalePostException.class);
            } else if (dice < 80) {
                run("delete post", () -> deletePost(blog));
            } else if (dice < 87) {
                run("read users with posts", () -> blog.posts().findUsersWithPosts(PageRequest.first(20)));
            } else if (dice < 92) {
                run("create user", () -> createUser(blog));
            } else if (dice < 96) {
                run("delete user", () -> deleteUser(blog));
            } else {
                run("transaction: user and two posts", () -> createUserWithPosts(blog));
            }
        }
    }

    /**
     * Runs one operation, counting it and sorting its failure, if any, into expected and unexpected.
     * Any call may meet a killed connection or a conflict; only the failures named may occur besides.
     */
    @SafeVarargs
    private void run(String kind, Runnable operation, Class<? extends BlogDbException>... alsoExpected) {
        operations.computeIfAbsent(kind, k -> new LongAdder()).increment();
        try {
            operation.run();
        } catch (DatabaseUnavailableException | ConcurrencyConflictException expected) {
            countError(expected);
        } catch (BlogDbException failure) {
            if (List.of(alsoExpected).contains(failure.getClass())) {
                countError(failure);
            } else {
                unexpected.add(failure);
            }
        } catch (Throwable other) {
            unexpected.add(other);
        }
    }

    private void countError(BlogDbException failure) {
        errors.computeIfAbsent(failure.getClass().getSimpleName(), k -> new LongAdder())
                .increment();
    }

    private void createUser(BlogDb blog) {
        try {
            UserId id = blog.users()
                    .create("soak" + emails.incrementAndGet() + "@example.com", PASSWORD)
                    .id();
            committedUsers.add(id);
            liveUsers.add(id);
        } catch (DatabaseUnavailableException cutOff) {
            maybeCreatedUsers.incrementAndGet();
            throw cutOff;
        }
    }

    private void createPost(BlogDb blog) {
        Optional<UserId> author = any(liveUsers);
        if (author.isEmpty()) {
            return;
        }
        try {
            Post post = blog.posts()
                    .create(
                            author.get(),
                            "soak",
                            "content",
                            ThreadLocalRandom.current().nextBoolean());
            committedPosts.put(post.id(), post.authorId());
            knownPosts.add(post.id());
        } catch (DatabaseUnavailableException cutOff) {
            maybeCreatedPosts.incrementAndGet();
            throw cutOff;
        }
    }

    private void createUserWithPosts(BlogDb blog) {
        try {
            List<Post> posts = blog.transactionResult(tx -> {
                UserId id = tx.users()
                        .create("soak" + emails.incrementAndGet() + "@example.com", PASSWORD)
                        .id();
                return List.of(
                        tx.posts().create(id, "first", "content", true),
                        tx.posts().create(id, "second", "content", false));
            });
            committedUsers.add(posts.get(0).authorId());
            liveUsers.add(posts.get(0).authorId());
            posts.forEach(post -> {
                committedPosts.put(post.id(), post.authorId());
                knownPosts.add(post.id());
            });
        } catch (DatabaseUnavailableException cutOff) {
            maybeCreatedUsers.incrementAndGet();
            maybeCreatedPosts.addAndGet(2);
            throw cutOff;
        }
    }

    private void deletePost(BlogDb blog) {
        Optional<PostId> post = any(knownPosts);
        if (post.isEmpty()) {
            return;
        }
        try {
            if (blog.posts().delete(post.get())) {
                deletedPosts.add(post.get());
            }
        } catch (DatabaseUnavailableException cutOff) {
            maybeDeletedPosts.add(post.get());
            throw cutOff;
        }
    }

    private void deleteUser(BlogDb blog) {
        Optional<UserId> user = any(liveUsers);
        if (user.isEmpty()) {
            return;
        }
        liveUsers.remove(user.get());
        try {
            Optional<UserDeletion> deletion = blog.users().delete(user.get());
            deletion.ifPresent(done -> {
                deletedUsers.add(user.get());
                cascadedPosts.addAndGet(done.postsDeleted());
            });
        } catch (DatabaseUnavailableException cutOff) {
            maybeDeletedUsers.add(user.get());
            throw cutOff;
        }
    }

    private void readFeed(BlogDb blog) {
        var page = blog.posts().feed(PageRequest.first(20));
        if (page.nextCursor().isPresent()) {
            blog.posts().feed(PageRequest.after(page.nextCursor().get(), 20));
        }
    }

    private void killConnections(DSLContext admin, long deadline) {
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(ThreadLocalRandom.current().nextLong(100, 400));
                int killed = admin.fetchSingle(
                                "SELECT count(pg_terminate_backend(pid)) FROM (SELECT pid FROM pg_stat_activity"
                                        + " WHERE datname = current_database() AND application_name = {0} ORDER BY random() LIMIT 1) victim",
                                val(APPLICATION))
                        .get(0, Integer.class);
                kills.addAndGet(killed);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                unexpected.add(e);
            }
        }
    }

    private void assertInvariants(DSLContext admin) {
        assertThat(admin.fetchCount(admin.selectFrom(POSTS)
                        .whereNotExists(admin.selectOne().from(USERS).where(USERS.ID.eq(POSTS.USER_ID)))))
                .as("posts without their user")
                .isZero();

        Set<UserId> usersNow = new HashSet<>(admin.fetchValues(USERS.ID));
        Map<PostId, UserId> postsNow = new TreeMap<>((a, b) -> Long.compare(a.value(), b.value()));
        admin.select(POSTS.ID, POSTS.USER_ID).from(POSTS).forEach(row -> postsNow.put(row.value1(), row.value2()));

        assertThat(usersNow).as("users reported deleted").doesNotContainAnyElementsOf(deletedUsers);
        assertThat(postsNow.keySet()).as("posts reported deleted").doesNotContainAnyElementsOf(deletedPosts);
        committedUsers.stream()
                .filter(id -> !deletedUsers.contains(id) && !maybeDeletedUsers.contains(id))
                .forEach(id -> assertThat(usersNow)
                        .as("user %s reported committed", id)
                        .contains(id));
        committedPosts.forEach((post, author) -> {
            boolean gone = deletedPosts.contains(post) || deletedUsers.contains(author);
            boolean unknown = maybeDeletedPosts.contains(post) || maybeDeletedUsers.contains(author);
            if (!gone && !unknown) {
                assertThat(postsNow).as("post %s reported committed", post).containsKey(post);
            }
        });
        assertThat(usersNow.stream().filter(id -> !committedUsers.contains(id)).count())
                .as("users that no call reported, at most the writes cut off before their outcome was known")
                .isLessThanOrEqualTo(maybeCreatedUsers.get());
        assertThat(postsNow.keySet().stream()
                        .filter(id -> !committedPosts.containsKey(id))
                        .count())
                .as("posts that no call reported, at most the writes cut off before their outcome was known")
                .isLessThanOrEqualTo(maybeCreatedPosts.get());
    }

    private String report(long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        long total = operations.values().stream().mapToLong(LongAdder::sum).sum();
        StringBuilder report = new StringBuilder(String.format(
                "soak: %.1f s, %d workers, %d operations, %.0f operations/s, %d connections killed%n",
                seconds, WORKERS, total, total / seconds, kills.get()));
        new TreeMap<>(operations)
                .forEach((kind, count) -> report.append(String.format("  %-34s %8d%n", kind, count.sum())));
        report.append("errors by kind:\n");
        new TreeMap<>(errors)
                .forEach((kind, count) -> report.append(String.format("  %-34s %8d%n", kind, count.sum())));
        report.append(String.format(
                "writes cut off with an unknown outcome: %d user creates, %d post creates, %d deletes%n",
                maybeCreatedUsers.get(), maybeCreatedPosts.get(), maybeDeletedPosts.size() + maybeDeletedUsers.size()));
        report.append(String.format("posts removed by cascades: %d%n", cascadedPosts.get()));
        return report.toString();
    }

    private static <T> Optional<T> any(List<T> items) {
        if (items.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(items.get(ThreadLocalRandom.current().nextInt(items.size())));
        } catch (IndexOutOfBoundsException removedMeanwhile) {
            return Optional.empty();
        }
    }
}
