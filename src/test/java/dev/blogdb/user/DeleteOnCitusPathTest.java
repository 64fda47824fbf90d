package dev.blogdb.user;

import static dev.blogdb.jooq.Tables.POSTS;
import static dev.blogdb.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blogdb.core.UserId;
import dev.blogdb.internal.Citus;
import dev.blogdb.post.PostRepository;
import dev.blogdb.testing.MigratedDatabase;
import dev.blogdb.testing.StatementCounter;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The delete that a {@code BlogDb} on Citus takes, run here on plain PostgreSQL (Citus is not
 * installable here): its statements are ones Citus runs on a reference {@code users} table and on
 * {@code posts} distributed by {@code user_id}, and its count is the delete's own. That Citus
 * accepts them is not tested here (docs/scaling.md).
 */
@ExtendWith(MigratedDatabase.class)
class DeleteOnCitusPathTest {

    private static final String PASSWORD = "correct horse battery";

    private DSLContext db;
    private UserRepository users;
    private PostRepository posts;

    @BeforeEach
    void repositoriesAsOnCitus(DSLContext database) {
        db = StatementCounter.attachTo(database);
        Citus.mark(db.configuration(), true);
        users = new UserRepository(db);
        posts = new PostRepository(db);
    }

    @Test
    void deleteCountsThePostsItDeletedByTheirOwnStatementAndLeavesOthersPosts() {
        User ada = users.create("ada@example.com", PASSWORD);
        User bob = users.create("bob@example.com", PASSWORD);
        for (int i = 0; i < 3; i++) {
            posts.create(ada.id(), "Ada " + i, "content", true);
        }
        posts.create(bob.id(), "Bob", "content", true);
        StatementCounter.of(db).reset();

        UserDeletion deleted = users.delete(ada.id()).orElseThrow();

        assertThat(deleted).isEqualTo(new UserDeletion(ada, 3));
        assertThat(StatementCounter.of(db).statements())
                .hasSize(3)
                .allSatisfy(sql -> assertThat(sql).doesNotContain("pg_stat_get_xact_tuples_deleted"));
        assertThat(db.fetchCount(USERS, USERS.ID.eq(ada.id()))).isZero();
        assertThat(db.fetchCount(POSTS)).isEqualTo(1);
    }

    @Test
    void deleteOfAnUnknownUserIsEmptyAndDeletesNothing() {
        User ada = users.create("ada@example.com", PASSWORD);
        posts.create(ada.id(), "Ada", "content", true);

        assertThat(users.delete(new UserId(ada.id().value() + 1000))).isEmpty();
        assertThat(db.fetchCount(POSTS)).isEqualTo(1);
    }

    @Test
    void insideATransactionTheDeleteTakesTheSamePathAndRollsBackWithIt() {
        User ada = users.create("ada@example.com", PASSWORD);
        posts.create(ada.id(), "Ada", "content", true);
        StatementCounter.of(db).reset();

        assertThatThrownBy(() -> db.transaction(configuration -> {
                    UserRepository inTransaction = new UserRepository(configuration.dsl());
                    assertThat(inTransaction.delete(ada.id())).contains(new UserDeletion(ada, 1));
                    throw new IllegalStateException("roll back");
                }))
                .hasMessage("roll back");
        assertThat(StatementCounter.of(db).statements())
                .hasSize(3)
                .allSatisfy(sql -> assertThat(sql).doesNotContain("pg_stat_get_xact_tuples_deleted"));
        assertThat(users.findById(ada.id())).contains(ada);
        assertThat(db.fetchCount(POSTS)).isEqualTo(1);
    }
}
