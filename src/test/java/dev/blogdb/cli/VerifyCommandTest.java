package dev.blogdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blogdb.server.ThrowawayDatabase;
import dev.blogdb.testing.MigratedDatabase;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MigratedDatabase.class)
class VerifyCommandTest {

    private final Cli cli = Cli.plain();

    @Test
    void aMatchingDatabaseSaysSoAndExitsWithZero(ThrowawayDatabase database) {
        Cli.Outcome outcome = cli.run(database, "verify");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.err()).isEmpty();
        assertThat(outcome.out())
                .isEqualTo(database.jdbcUrl() + " matches the changelog and the schema blogdb expects.\n");
    }

    @Test
    void aDriftedDatabaseGetsOneLinePerFindingAndExitCodeThree(ThrowawayDatabase database, DSLContext db) {
        db.execute("DROP INDEX posts_user_id_idx");
        db.execute("DELETE FROM databasechangelog WHERE id = '009-users-batched-deletion'");

        Cli.Outcome outcome = cli.run(database, "verify");
        Cli.Outcome json = cli.run(database, "verify", "--json");

        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(outcome.out()).isEqualTo("""
                        changeset db/changelog/changes/009-users-batched-deletion.yaml::009-users-batched-deletion::blogdb: pending: not applied
                        index posts.posts_user_id_idx: missing (expected CREATE INDEX posts_user_id_idx ON posts USING btree (user_id))
                        foreign key posts.posts_user_id_fkey: no index leads with its columns (user_id): deleting or updating a referenced row scans posts
                        """);
        assertThat(outcome.err()).isEqualTo("blogdb: " + database.jdbcUrl() + " does not match: 3 findings\n");
        assertThat(json.exitCode()).isEqualTo(3);
        assertThat(json.json().get("matches").asBoolean()).isFalse();
        assertThat(json.json().get("findings").findValuesAsText("kind"))
                .containsExactly("PENDING_CHANGESET", "MISSING", "UNINDEXED_FOREIGN_KEY");
        assertThat(json.json().get("findings").get(1).get("subject").asText())
                .isEqualTo("index posts.posts_user_id_idx");
    }
}
