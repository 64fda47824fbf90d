package dev.blogdb.cli;

import static dev.blogdb.jooq.Tables.POSTS;
import static dev.blogdb.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blogdb.BlogDb;
import dev.blogdb.core.UserId;
import dev.blogdb.server.ThrowawayDatabase;
import dev.blogdb.testing.MigratedDatabase;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MigratedDatabase.class)
class SeedCommandTest {

    private final Cli cli = Cli.plain();

    @Test
    void seedAddsTheUsersAndPostsItReportsWithEveryTenthPostADraft(ThrowawayDatabase database, DSLContext db) {
        JsonNode report = cli.run(database, "seed", "--users", "3", "--posts-per-user", "7", "--json")
                .json();

        assertThat(report.get("users").asInt()).isEqualTo(3);
        assertThat(report.get("posts").asInt()).isEqualTo(21);
        assertThat(report.get("drafts").asInt()).isEqualTo(2);
        List<UserId> ids = db.fetchValues(DSL.select(USERS.ID).from(USERS).orderBy(USERS.ID));
        assertThat(ids).hasSize(3);
        assertThat(report.get("firstUserId").asLong()).isEqualTo(ids.get(0).value());
        assertThat(report.get("lastUserId").asLong()).isEqualTo(ids.get(2).value());
        String firstEmail = report.get("firstEmail").asText();
        assertThat(firstEmail).matches("seed1-[a-z2-9]{6}@example\\.com");
        assertThat(db.fetchValues(DSL.select(USERS.EMAIL).from(USERS).orderBy(USERS.ID)))
                .containsExactly(
                        firstEmail,
                        firstEmail.replace("seed1-", "seed2-"),
                        report.get("lastEmail").asText());
        assertThat(report.get("lastEmail").asText()).isEqualTo(firstEmail.replace("seed1-", "seed3-"));
        assertThat(db.fetchCount(POSTS)).isEqualTo(21);
        assertThat(db.fetchCount(POSTS, POSTS.PUBLISHED.isFalse())).isEqualTo(2);
        for (UserId id : ids) {
            assertThat(db.fetchCount(POSTS, POSTS.USER_ID.eq(id))).isEqualTo(7);
        }
    }

    @Test
    void everySeededUserSharesOneArgon2idHashOfThePrintedPassword(
            ThrowawayDatabase database, BlogDb blog, DSLContext db) {
        JsonNode report = cli.run(database, "seed", "--users", "2", "--posts-per-user", "1", "--json")
                .json();
        String password = report.get("password").asText();

        List<String> hashes = db.fetchValues(USERS.PASSWORD_HASH);
        assertThat(hashes)
                .hasSize(2)
                .allSatisfy(hash -> assertThat(hash).startsWith("$argon2id$").isEqualTo(hashes.get(0)));
        assertThat(blog.users().authenticate(report.get("firstEmail").asText(), password))
                .isPresent();
        assertThat(blog.users().authenticate(report.get("lastEmail").asText(), password))
                .isPresent();
    }

    @Test
    void seedingTwiceAddsNewUsersRatherThanClashingWithTheFirstSeed(ThrowawayDatabase database, DSLContext db) {
        assertThat(cli.run(database, "seed", "--users", "2", "--posts-per-user", "1")
                        .exitCode())
                .isZero();
        assertThat(cli.run(database, "seed", "--users", "2", "--posts-per-user", "1")
                        .exitCode())
                .isZero();

        assertThat(db.fetchCount(USERS)).isEqualTo(4);
        assertThat(db.fetchCount(POSTS)).isEqualTo(4);
    }

    @Test
    void pipedItPrintsTheSummaryAndThePasswordOnceAndNoProgress(ThrowawayDatabase database) {
        Cli.Outcome outcome = cli.run(database, "seed", "--users", "2", "--posts-per-user", "10");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.err()).isEmpty();
        List<String> lines = outcome.out().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0))
                .isEqualTo("Seeded 2 users and 20 posts (2 of them drafts) into " + database.jdbcUrl()
                        + lines.get(0).substring(lines.get(0).lastIndexOf(" in ")));
        assertThat(lines.get(0)).matches(".* in [0-9]+\\.[0-9]{2} s:");
        assertThat(lines.get(1))
                .matches(
                        "[0-9]+\\.[0-9]{2} s to hash the one password, [0-9]+\\.[0-9]{2} s to write the rows: [0-9,]+ posts/s\\.");
        assertThat(lines.get(2))
                .matches(
                        "Users seed1-[a-z2-9]{6}@example\\.com to seed2-[a-z2-9]{6}@example\\.com, ids [0-9]+ to [0-9]+\\.");
        assertThat(lines.get(3)).matches("Their password, the same for all: [A-Za-z2-9]{16}");
        assertThat(lines.get(4)).startsWith("(Hashed once with Argon2id");
    }

    @Test
    void onATerminalItDrawsAProgressBarOnStandardError(ThrowawayDatabase database) {
        Cli.Outcome outcome =
                cli.withTerminal(new FakeTerminal()).run(database, "seed", "--users", "2", "--posts-per-user", "2");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.err())
                .startsWith("\r[")
                .endsWith("\n")
                .contains("[##############################] 100%  6/6 rows  ");
    }
}
