package dev.blogdb.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blogdb.testing.MigratedDatabase;

import java.util.List;
import java.util.Optional;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a migration's SQL would destroy, read from the SQL as Liquibase or a plain SQL change writes it. */
@ExtendWith(MigratedDatabase.class)
class DataLossesTest {

    @Test
    void dropsOfTablesAndColumnsAreFoundWithWhatIsInThemAndOtherDropsAreNot(DSLContext db) {
        db.execute("INSERT INTO users (email, password_hash) VALUES ('a@example.com', '$argon2id$x'),"
                + " ('b@example.com', '$argon2id$y')");
        db.execute("UPDATE users SET deletion_started_at = now() WHERE email = 'a@example.com'");
        String sql = """
                -- Changeset db/changelog/changes/010-example.yaml::010-example::someone: DROP TABLE commented_out;
                ALTER TABLE public.users DROP COLUMN deletion_started_at, DROP COLUMN "email";
                ALTER TABLE posts DROP CONSTRAINT posts_title_length;
                DROP INDEX posts_feed_idx;
                DROP TABLE IF EXISTS "posts";
                DROP TABLE not_there;
                DROP TABLE public.databasechangeloglock;
                """;

        List<DataLoss> losses = db.connectionResult(connection -> DataLosses.in(connection, sql));

        assertThat(losses)
                .containsExactly(
                        new DataLoss("posts", Optional.empty(), 0),
                        new DataLoss("not_there", Optional.empty(), 0),
                        new DataLoss("users", Optional.of("deletion_started_at"), 1),
                        new DataLoss("users", Optional.of("email"), 2));
    }
}
