package dev.blogdb.reliability;

import static dev.blogdb.jooq.Tables.POSTS;
import static dev.blogdb.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blogdb.BlogDb;
import dev.blogdb.core.ConcurrencyConflictException;
import dev.blogdb.core.DuplicateEmailException;
import dev.blogdb.core.UnknownAuthorException;
import dev.blogdb.core.UserId;
import dev.blogdb.post.Post;
import dev.blogdb.server.ThrowawayDatabase;
import dev.blogdb.testing.MigratedDatabase;
import dev.blogdb.user.UserDeletion;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Invariants that hold while many callers race. */
@ExtendWith(MigratedDatabase.class)
class ConcurrencyTest {

    private static final String PASSWORD = "correct horse battery";

    @Test
    void racingCreatesOfOneEmailInDifferentLetterCasesLetExactlyOneWin(BlogDb blog, DSLContext db) throws Exception {
        int callers = 12;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<String>> calls = IntStream.range(0, callers)
                .<Callable<String>>mapToObj(i -> () -> {
                    start.await();
                    try {
                        blog.users().create(casing(i), PASSWORD);
                        return "created";
                    } catch (DuplicateEmailException e) {
                        return "duplicate";
                    }
                })
                .toList();

        List<String> outcomes = runConcurrently(calls, start);

        assertThat(outcomes).containsOnly("created", "duplicate");
        assertThat(outcomes).filteredOn("created"::equals).hasSize(1);
        assertThat(db.fetchValues(USERS.EMAIL))
                .singleElement()
                .satisfies(email -> assertThat(email.toLowerCase(Locale.ROOT)).isEqualTo("race@example.com"));
    }

    /** The same address in a different mix of upper and lower case for each caller. */
    private static String casing(int caller) {
        String address = "race@example.com";
        StringBuilder mixed = new StringBuilder();
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            mixed.append(((caller >> (i % 5)) & 1) == 1 ? Character.toUpperCase(c) : c);
        }
        return mixed.toString();
    }

    @Test
    void postsCreatedWhileTheirAuthorsAreDeletedNeverOutliveThemAndEveryCountAddsUp(BlogDb blog, DSLContext db)
            throws Exception {
        List<UserId> authors = IntStream.range(0, 12)
                .mapToObj(i -> blog.users()
                        .create("author" + i + "@example.com", PASSWORD)
                        .id())
                .toList();
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean allDeleted = new AtomicBoolean();
        AtomicInteger attempted = new AtomicInteger();
        AtomicInteger created = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger cascaded = new AtomicInteger();
        List<Callable<String>> calls = new ArrayList<>();
        for (int writer = 0; writer < 6; writer++) {
            int offset = writer;
            calls.add(() -> {
                start.await();
                // Writing on until every author is gone guarantees posts that race their author's deletion.
                for (int i = 0; !allDeleted.get(); i++) {
                    attempted.incrementAndGet();
                    try {
                        blog.posts().create(authors.get((offset + i) % authors.size()), "title " + i, "content", true);
                        created.incrementAndGet();
                    } catch (UnknownAuthorException e) {
                        refused.incrementAndGet();
                    }
                }
                return "writer done";
            });
        }
        calls.add(() -> {
            start.await();
            for (UserId author : authors) {
                Thread.sleep(5);
                cascaded.addAndGet(blog.users()
                        .delete(author)
                        .map(UserDeletion::postsDeleted)
                        .orElseThrow());
            }
            allDeleted.set(true);
            return "deleter done";
        });

        List<String> outcomes = runConcurrently(calls, start);

        assertThat(outcomes).containsOnly("writer done", "deleter done");
        assertThat(db.fetchCount(USERS)).isZero();
        assertThat(db.fetchCount(POSTS)).isZero();
        assertThat(created.get() + refused.get()).isEqualTo(attempted.get());
        assertThat(cascaded.get())
                .as("every post created was removed by exactly one cascade")
                .isEqualTo(created.get());
        assertThat(refused.get()).as("some posts raced their author's deletion").isPositive();
    }

    @Test
    void aDeadlockedTransactionIsRepeatedAndBothTransactionsTakeEffect(BlogDb blog, DSLContext db) throws Exception {
        UserId author = blog.users().create("ada@example.com", PASSWORD).id();
        Post first = blog.posts().create(author, "first", "content", true);
        Post second = blog.posts().create(author, "second", "content", true);
        CyclicBarrier bothHoldOneLock = new CyclicBarrier(2);
        AtomicInteger attempts = new AtomicInteger();

        Callable<String> titles = () -> {
            blog.transaction(tx -> {
                attempts.incrementAndGet();
                tx.dsl()
                        .update(POSTS)
                        .set(POSTS.TITLE, "titled by one")
                        .where(POSTS.ID.eq(first.id()))
                        .execute();
                awaitOnFirstAttempt(bothHoldOneLock, attempts);
                tx.dsl()
                        .update(POSTS)
                        .set(POSTS.TITLE, "titled by one")
                        .where(POSTS.ID.eq(second.id()))
                        .execute();
            });
            return "titles";
        };
        Callable<String> contents = () -> {
            blog.transaction(tx -> {
                attempts.incrementAndGet();
                tx.dsl()
                        .update(POSTS)
                        .set(POSTS.CONTENT, "written by two")
                        .where(POSTS.ID.eq(second.id()))
                        .execute();
                awaitOnFirstAttempt(bothHoldOneLock, attempts);
                tx.dsl()
                        .update(POSTS)
                        .set(POSTS.CONTENT, "written by two")
                        .where(POSTS.ID.eq(first.id()))
                        .execute();
            });
            return "contents";
        };

        assertThat(runConcurrently(List.of(titles, contents), null)).containsExactlyInAnyOrder("titles", "contents");
        assertThat(attempts.get())
                .as("two transactions, one of them run again after PostgreSQL broke the deadlock")
                .isEqualTo(3);
        assertThat(db.select(POSTS.TITLE, POSTS.CONTENT).from(POSTS).fetch(r -> r.value1() + "/" + r.value2()))
                .containsExactly("titled by one/written by two", "titled by one/written by two");
    }

    private static void awaitOnFirstAttempt(CyclicBarrier barrier, AtomicInteger attempts) {
        if (attempts.get() <= 2) {
            try {
                barrier.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void aTransactionThatKeepsFailingToSerializeIsAttemptedABoundedNumberOfTimes(
            DSLContext db, ThrowawayDatabase database) {
        AtomicInteger attempts = new AtomicInteger();
        try (BlogDb blog =
                BlogDb.connect(database.settings()).maxTransactionAttempts(4).open()) {
            assertThatThrownBy(() -> blog.transaction(tx -> {
                        attempts.incrementAndGet();
                        tx.users().create("ada@example.com", PASSWORD);
                        tx.dsl()
                                .execute(
                                        "DO $$ BEGIN RAISE EXCEPTION 'simulated' USING ERRCODE = 'serialization_failure'; END $$");
                    }))
                    .isInstanceOf(ConcurrencyConflictException.class);
        }

        assertThat(attempts.get()).isEqualTo(4);
        assertThat(db.fetchCount(USERS)).isZero();
    }

    @Test
    void aTransactionThatFailsForAnyOtherReasonIsNotRepeated(BlogDb blog) {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> blog.transaction(tx -> {
                    attempts.incrementAndGet();
                    tx.posts().create(new UserId(987654), "title", "content", true);
                }))
                .isInstanceOf(UnknownAuthorException.class);

        assertThat(attempts.get()).isEqualTo(1);
    }

    /** Runs the calls on threads of their own, opens the gate (if any), and returns their results in order. */
    private static <T> List<T> runConcurrently(List<Callable<T>> calls, CountDownLatch gate) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(calls.size());
        try {
            List<Future<T>> futures = calls.stream().map(threads::submit).toList();
            if (gate != null) {
                gate.countDown();
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
