package dev.blogdb.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blogdb.server.ThrowawayDatabase;
import dev.blogdb.testing.MigratedDatabase;
import dev.blogdb.testing.TestDatabases;

import java.sql.Connection;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link Migrations#verify()} against databases drifted by hand, one kind of drift each, as an
 * operator (or a hurried hotfix) would have made them.
 */
@ExtendWith(MigratedDatabase.class)
class VerifyTest {

    @Test
    void aDatabaseTheChangelogMigratedMatches(DSLContext db) {
        assertThat(verify(db)).isEmpty();
    }

    @Test
    void eachKindOfDriftMadeByHandIsOneFindingInOneLine(DSLContext db) {
        db.execute("DROP INDEX posts_feed_idx");
        db.execute("ALTER TABLE posts DROP CONSTRAINT posts_user_id_fkey, ADD CONSTRAINT posts_user_id_fkey"
                + " FOREIGN KEY (user_id) REFERENCES users (id)");
        db.execute("ALTER TABLE users ALTER COLUMN deletion_posts_deleted TYPE integer");
        db.execute("ALTER TABLE posts ALTER COLUMN published DROP DEFAULT");
        db.execute("ALTER TABLE users ALTER COLUMN deletion_started_at SET NOT NULL");
        db.execute("ALTER TABLE posts DROP CONSTRAINT posts_title_length,"
                + " ADD CONSTRAINT posts_title_length CHECK (char_length(title) <= 300)");
        db.execute("DROP INDEX users_email_lower_key");
        db.execute("CREATE UNIQUE INDEX users_email_lower_key ON users (email)");
        db.execute("CREATE INDEX users_created_at_by_hand ON users (created_at)");
        db.execute("DROP TRIGGER posts_new_author_not_being_deleted ON posts");
        db.execute("DELETE FROM databasechangelog WHERE id = '009-users-batched-deletion'");
        db.execute("UPDATE databasechangelog SET md5sum = '9:00000000000000000000000000000000'"
                + " WHERE id = '003-users-checks'");
        db.execute("INSERT INTO databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype, md5sum)"
                + " VALUES ('999-by-hand', 'someone', 'db/changelog/changes/999-by-hand.yaml', now(), 999,"
                + " 'EXECUTED', '9:11111111111111111111111111111111')");

        List<String> findings = verify(db).stream().map(Finding::toString).toList();

        assertThat(findings)
                .containsExactly(
                        "changeset db/changelog/changes/003-users-checks.yaml::003-users-checks::blogdb: changed in the changelog since it ran (recorded checksum 9:00000000000000000000000000000000)",
                        "changeset db/changelog/changes/999-by-hand.yaml::999-by-hand::someone: ran on the database but is not in the changelog",
                        "changeset db/changelog/changes/009-users-batched-deletion.yaml::009-users-batched-deletion::blogdb: pending: not applied",
                        "column posts.published: expected boolean not null default true, found boolean not null",
                        "column users.deletion_posts_deleted: expected bigint not null default 0, found integer not null default 0",
                        "column users.deletion_started_at: expected timestamp with time zone null, found timestamp with time zone not null",
                        "constraint posts.posts_title_length: expected CHECK ((char_length(title) <= 200)), found CHECK ((char_length(title) <= 300))",
                        "constraint posts.posts_user_id_fkey: expected FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE, found FOREIGN KEY (user_id) REFERENCES users(id)",
                        "index posts.posts_feed_idx: missing (expected CREATE INDEX posts_feed_idx ON posts USING btree (created_at DESC, id DESC) WHERE published)",
                        "index users.users_created_at_by_hand: not in the changelog's schema (found CREATE INDEX users_created_at_by_hand ON users USING btree (created_at))",
                        "index users.users_email_lower_key: expected CREATE UNIQUE INDEX users_email_lower_key ON users USING btree (lower((email)::text)), found CREATE UNIQUE INDEX users_email_lower_key ON users USING btree (email)",
                        "trigger posts.posts_new_author_not_being_deleted: missing (expected CREATE TRIGGER posts_new_author_not_being_deleted AFTER INSERT ON posts REFERENCING NEW TABLE AS new_posts FOR EACH STATEMENT EXECUTE FUNCTION posts_refuse_new_posts_of_authors_being_deleted())");
    }

    @Test
    void anUnindexedForeignKeyIsFoundByTheLint(DSLContext db) {
        db.execute("DROP INDEX posts_user_id_idx");

        assertThat(verify(db))
                .containsExactly(
                        new Finding(
                                Finding.Kind.MISSING,
                                "index posts.posts_user_id_idx",
                                "missing (expected CREATE INDEX posts_user_id_idx ON posts USING btree (user_id))"),
                        new Finding(
                                Finding.Kind.UNINDEXED_FOREIGN_KEY,
                                "foreign key posts.posts_user_id_fkey",
                                "no index leads with its columns (user_id): deleting or updating a referenced row scans posts"));
    }

    @Test
    void anIndexThatLeadsWithTheForeignKeysColumnsSatisfiesTheLint(DSLContext db) {
        db.execute("DROP INDEX posts_user_id_idx");
        db.execute("CREATE INDEX posts_user_id_idx ON posts (user_id, created_at)");

        assertThat(verify(db)).extracting(Finding::kind).containsExactly(Finding.Kind.DIFFERENT);
    }

    @Test
    void onADatabaseLiquibaseNeverRanOnEverythingIsPendingOrMissingAndNothingIsCreated() throws Exception {
        try (ThrowawayDatabase database = TestDatabases.empty();
                Connection connection = database.connect()) {
            List<Finding> findings = Migrations.over(connection).verify();

            assertThat(findings)
                    .filteredOn(f -> f.kind() == Finding.Kind.PENDING_CHANGESET)
                    .hasSize(10);
            assertThat(findings)
                    .extracting(Finding::kind)
                    .containsOnly(Finding.Kind.PENDING_CHANGESET, Finding.Kind.MISSING);
            assertThat(findings).contains(new Finding(Finding.Kind.MISSING, "table posts", "missing"));
            assertThat(DSL.using(connection, SQLDialect.POSTGRES)
                            .fetchValue("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"))
                    .isEqualTo(0L);
        }
    }

    private static List<Finding> verify(DSLContext db) {
        return db.connectionResult(connection -> Migrations.over(connection).verify());
    }
}
