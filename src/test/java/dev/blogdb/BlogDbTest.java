package dev.blogdb;

import static dev.blogdb.jooq.Tables.POSTS;
import static dev.blogdb.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blogdb.core.DatabaseUnavailableException;
import dev.blogdb.core.PageRequest;
import dev.blogdb.core.UnknownAuthorException;
import dev.blogdb.core.UserId;
import dev.blogdb.post.Post;
import dev.blogdb.server.ThrowawayDatabase;
import dev.blogdb.testing.MigratedDatabase;
import dev.blogdb.testing.TestDatabases;
import dev.blogdb.user.User;

import java.time.Duration;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MigratedDatabase.class)
class BlogDbTest {

    @Test
    void aTransactionCommitsEverythingItsWorkDid(BlogDb blog) {
        Post post = blog.transactionResult(tx -> {
            User ada = tx.users().create("ada@example.com", "correct horse battery");
            return tx.posts().create(ada.id(), "title", "content", true);
        });

        assertThat(blog.posts().findWithAuthor(post.id())).isPresent();
    }

    @Test
    void aTransactionWhoseSecondCallFailsLeavesNothingOfTheFirst(BlogDb blog, DSLContext db) {
        assertThatThrownBy(() -> blog.transaction(tx -> {
                    tx.users().create("ada@example.com", "correct horse battery");
                    tx.posts().create(new UserId(987654), "title", "content", true);
                }))
                .isInstanceOf(UnknownAuthorException.class);

        assertThat(db.fetchCount(USERS)).isZero();
        assertThat(db.fetchCount(POSTS)).isZero();
    }

    @Test
    void aUserDeletedInsideAnOuterTransactionComesBackWhenItRollsBack(BlogDb blog) {
        User ada = blog.users().create("ada@example.com", "correct horse battery");
        blog.posts().create(ada.id(), "title", "content", true);

        assertThatThrownBy(() -> blog.transaction(tx -> {
                    assertThat(tx.users().delete(ada.id()))
                            .map(deletion -> deletion.postsDeleted())
                            .contains(1);
                    throw new IllegalStateException("changed my mind");
                }))
                .hasMessage("changed my mind");

        assertThat(blog.posts().findUsersWithPosts(PageRequest.first(10)).items())
                .singleElement()
                .satisfies(user -> assertThat(user.posts()).hasSize(1));
    }

    @Test
    void openingWithMigrateAppliesTheChangelogToAnEmptyDatabase() {
        try (ThrowawayDatabase empty = TestDatabases.empty();
                BlogDb blog = BlogDb.connect(empty.settings()).migrate(true).open()) {
            User ada = blog.users().create("ada@example.com", "correct horse battery");

            assertThat(blog.users().findById(ada.id())).contains(ada);
        }
    }

    @Test
    void anUnreachableDatabaseFailsToOpenWithinTheConnectTimeout() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> BlogDb.connect("jdbc:postgresql://127.0.0.1:1/nowhere")
                        .connectTimeout(Duration.ofSeconds(1))
                        .open())
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageStartingWith("cannot connect to jdbc:postgresql://127.0.0.1:1/nowhere within 1000 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
}
