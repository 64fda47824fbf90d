package dev.blogdb.user;

import static dev.blogdb.jooq.Tables.POSTS;
import static dev.blogdb.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blogdb.BlogDb;
import dev.blogdb.core.AuthorBeingDeletedException;
import dev.blogdb.core.InvalidInputException;
import dev.blogdb.core.PostId;
import dev.blogdb.core.UnknownAuthorException;
import dev.blogdb.core.UserId;
import dev.blogdb.internal.ErrorTranslation;
import dev.blogdb.post.NewPost;
import dev.blogdb.post.PostRepository;
import dev.blogdb.testing.MigratedDatabase;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The preview of a deletion, and the batched deletion of a user with many posts. */
@ExtendWith(MigratedDatabase.class)
class BatchedDeletionTest {

    private static final String PASSWORD = "correct horse battery";

    private DSLContext db;
    private UserRepository users;
    private PostRepository posts;
    private User doomed;
    private User survivor;

    @BeforeEach
    void aUserWithSevenPostsAndAnotherWithTwo(DSLContext database) {
        db = database;
        users = new UserRepository(db);
        posts = new PostRepository(db);
        doomed = users.create("doomed@example.com", PASSWORD);
        survivor = users.create("survivor@example.com", PASSWORD);
        posts.createAll(doomed.id(), newPosts(7));
        posts.createAll(survivor.id(), newPosts(2));
    }

    @Test
    void previewReportsTheUserAndTheirExactPostCountAndChangesNothing() {
        assertThat(users.previewDelete(doomed.id())).contains(new DeletionPreview(doomed, 7));
        assertThat(users.previewDelete(new UserId(987654))).isEmpty();

        assertThat(db.fetchCount(POSTS)).isEqualTo(9);
        assertThat(users.findById(doomed.id())).contains(doomed);
    }

    @Test
    void batchesDeleteEveryPostOfTheUserThenTheUserCountingExactlyAndReportingEachBatch() {
        List<List<Long>> reported = new ArrayList<>();

        var deletion = users.deleteInBatches(doomed.id(), 3, (done, total) -> reported.add(List.of(done, total)));

        assertThat(deletion).contains(new UserDeletion(doomed, 7));
        assertThat(reported).containsExactly(List.of(3L, 7L), List.of(6L, 7L), List.of(7L, 7L));
        assertThat(users.findById(doomed.id())).isEmpty();
        assertThat(db.fetchValues(POSTS.USER_ID)).containsOnly(survivor.id()).hasSize(2);
    }

    @Test
    void fromTheStartNoPostCanBeAddedForOrMovedToTheUserBeingDeleted() {
        interruptAfterTheFirstBatch();

        assertThatThrownBy(() -> posts.create(doomed.id(), "late", "too late", true))
                .isInstanceOfSatisfying(
                        AuthorBeingDeletedException.class,
                        refused -> assertThat(refused.author()).isEqualTo(doomed.id()))
                .hasMessage("user " + doomed.id().value() + " is being deleted: it takes no new posts");
        assertThatThrownBy(() -> posts.createAll(doomed.id(), newPosts(2)))
                .isInstanceOf(AuthorBeingDeletedException.class);
        PostId survivorsPost = db.select(POSTS.ID)
                .from(POSTS)
                .where(POSTS.USER_ID.eq(survivor.id()))
                .limit(1)
                .fetchSingle(POSTS.ID);
        // Through blogdb's error translation, as any statement of the repositories goes.
        assertThatThrownBy(() -> ErrorTranslation.applyTo(db)
                        .update(POSTS)
                        .set(POSTS.USER_ID, doomed.id())
                        .where(POSTS.ID.eq(survivorsPost))
                        .execute())
                .isInstanceOf(AuthorBeingDeletedException.class);
        assertThat(posts.create(survivor.id(), "fine", "others still write", true))
                .isNotNull();
    }

    @Test
    void anInterruptedDeletionLeavesTheUserMarkedAndARerunFinishesItCountingThePostsOfBothRuns() {
        interruptAfterTheFirstBatch();
        assertThat(db.fetchCount(POSTS, POSTS.USER_ID.eq(doomed.id()))).isEqualTo(4);
        assertThat(db.select(USERS.DELETION_POSTS_DELETED)
                        .from(USERS)
                        .where(USERS.ID.eq(doomed.id()))
                        .fetchSingle(USERS.DELETION_POSTS_DELETED))
                .isEqualTo(3L);

        List<Long> reportedTotals = new ArrayList<>();
        var deletion = users.deleteInBatches(doomed.id(), 3, (done, total) -> reportedTotals.add(total));

        assertThat(deletion).contains(new UserDeletion(doomed, 7));
        assertThat(reportedTotals).containsExactly(7L, 7L);
        assertThat(users.findById(doomed.id())).isEmpty();
    }

    @Test
    void aPlainDeleteFinishesAMarkedUserCountingThePostsLeft() {
        interruptAfterTheFirstBatch();

        assertThat(users.delete(doomed.id())).contains(new UserDeletion(doomed, 4));
    }

    @Test
    void whileOthersKeepAddingPostsTheCountIsExactlyThePostsThatExistedAndNoneIsLeftBehind(BlogDb blog)
            throws Exception {
        AtomicInteger added = new AtomicInteger();
        AtomicBoolean refused = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(2);
        List<Future<?>> running = new ArrayList<>();
        CountDownLatch writing = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            running.add(writers.submit(() -> {
                writing.countDown();
                while (!refused.get()) {
                    try {
                        blog.posts().create(doomed.id(), "racing", "a post written during the deletion", true);
                        added.incrementAndGet();
                    } catch (AuthorBeingDeletedException | UnknownAuthorException e) {
                        refused.set(true);
                    }
                }
            }));
        }
        writing.await();
        Thread.sleep(50);

        var deletion = blog.users().deleteInBatches(doomed.id(), 2);

        for (Future<?> writer : running) {
            writer.get(30, TimeUnit.SECONDS);
        }
        writers.shutdown();
        assertThat(refused).isTrue();
        assertThat(deletion).contains(new UserDeletion(doomed, 7 + added.get()));
        assertThat(db.fetchCount(POSTS, POSTS.USER_ID.eq(doomed.id()))).isZero();
    }

    @Test
    void anUnknownUserIsNothingToDelete() {
        assertThat(users.deleteInBatches(new UserId(987654), 3)).isEmpty();
        assertThat(db.fetchCount(POSTS)).isEqualTo(9);
    }

    @Test
    void aBatchSizeBelowOneAndACallerTransactionAreRefusedBeforeAnythingChanges() {
        assertThatThrownBy(() -> users.deleteInBatches(doomed.id(), 0))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        refused -> assertThat(refused.field()).isEqualTo("batchSize"));
        assertThatThrownBy(() -> db.transaction(tx -> new UserRepository(tx.dsl()).deleteInBatches(doomed.id(), 3)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("deleteInBatches commits each batch: call it outside a transaction");

        assertThat(db.fetchCount(POSTS)).isEqualTo(9);
        assertThat(db.fetchCount(USERS, USERS.DELETION_STARTED_AT.isNotNull())).isZero();
    }

    /** A deletion stopped after its first batch of 3 committed, as a killed process would leave it. */
    private void interruptAfterTheFirstBatch() {
        assertThatThrownBy(() -> users.deleteInBatches(doomed.id(), 3, (done, total) -> {
                    throw new IllegalStateException("interrupted");
                }))
                .hasMessage("interrupted");
    }

    private static List<NewPost> newPosts(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(n -> new NewPost("post " + n, "content " + n, true))
                .toList();
    }
}
