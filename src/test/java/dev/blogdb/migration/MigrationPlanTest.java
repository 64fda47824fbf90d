package dev.blogdb.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blogdb.server.ThrowawayDatabase;
import dev.blogdb.testing.MigratedDatabase;
import dev.blogdb.testing.TestDatabases;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Plans of a migration and a rollback: what they would run and destroy, worked out without changing anything. */
@ExtendWith(MigratedDatabase.class)
class MigrationPlanTest {

    private static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";

    private DSLContext db;

    @BeforeEach
    void twoUsersAndThreePosts(DSLContext database) {
        db = database;
        db.execute(
                "INSERT INTO users (email, password_hash) VALUES ('a@example.com', {0}), ('b@example.com', {0})", HASH);
        db.execute("UPDATE users SET deletion_started_at = now() WHERE email = 'b@example.com'");
        db.execute("INSERT INTO posts (user_id, title, content) SELECT id, 'title', 'content' FROM users"
                + " CROSS JOIN generate_series(1, 3) WHERE email = 'a@example.com'");
    }

    @Test
    void aRollbackPlanNamesTheChangesetsTheSqlAndTheColumnsWithTheValuesItWouldDropAndChangesNothing() {
        List<List<Object>> changelogBefore = changelogRows();

        MigrationPlan plan = migrations().rollbackPlan(3);

        assertThat(plan.changesets())
                .extracting(Changeset::id)
                .containsExactly(
                        "010-posts-author-check-per-statement", "009-users-batched-deletion", "008-posts-version");
        assertThat(plan.sql())
                .contains("DROP TRIGGER posts_new_author_not_being_deleted ON posts")
                .contains("DROP TRIGGER posts_author_not_being_deleted ON posts")
                .contains("posts_bump_version")
                .contains("DELETE FROM public.databasechangelog WHERE ID = '009-users-batched-deletion'");
        assertThat(plan.dataLoss())
                .containsExactlyInAnyOrder(
                        new DataLoss("users", Optional.of("deletion_posts_deleted"), 2),
                        new DataLoss("users", Optional.of("deletion_started_at"), 1),
                        new DataLoss("posts", Optional.of("version"), 3));
        assertThat(changelogRows()).isEqualTo(changelogBefore);
        assertThat(migrations().verify()).isEmpty();
    }

    @Test
    void aRollbackPlanThatDropsATableCountsItsRows() {
        MigrationPlan plan = migrations().rollbackPlan(7);

        assertThat(plan.changesets()).extracting(Changeset::id).last().isEqualTo("004-create-posts");
        assertThat(plan.dataLoss()).contains(new DataLoss("posts", Optional.empty(), 3));
        assertThat(changelogRows()).contains(List.of("lock", "false", ""));
        assertThat(plan.dataLoss().stream().map(DataLoss::toString))
                .contains("table posts (3 rows)", "column users.deletion_started_at (1 value not null)");
        assertThat(migrations().verify()).isEmpty();
    }

    @Test
    void anUpdatePlanOnAnEmptyDatabaseListsEveryChangesetAndItsSqlAndCreatesNothing() throws Exception {
        try (ThrowawayDatabase database = TestDatabases.empty();
                Connection connection = database.connect()) {
            MigrationPlan plan = Migrations.over(connection).updatePlan();

            assertThat(plan.changesets()).hasSize(10);
            assertThat(plan.sql()).contains("CREATE TABLE public.users").contains("CREATE TRIGGER");
            assertThat(plan.dataLoss()).isEmpty();
            assertThat(DSL.using(connection, SQLDialect.POSTGRES)
                            .fetchValue("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"))
                    .isEqualTo(0L);
        }
    }

    @Test
    void anUpToDateDatabaseHasNothingToPlan() {
        assertThat(migrations().updatePlan()).isEqualTo(new MigrationPlan(List.of(), "", List.of()));
    }

    private Migrations migrations() {
        return db.connectionResult(Migrations::over);
    }

    /** Liquibase's bookkeeping: which changesets ran, and its lock, which a plan must neither take nor leave taken. */
    private List<List<Object>> changelogRows() {
        return db
                .fetch(
                        "SELECT id, md5sum, orderexecuted::text FROM databasechangelog UNION ALL"
                                + " SELECT 'lock', locked::text, coalesce(lockedby, '') FROM databasechangeloglock ORDER BY 3, 1")
                .stream()
                .map(row -> List.of(row.intoArray()))
                .toList();
    }
}
