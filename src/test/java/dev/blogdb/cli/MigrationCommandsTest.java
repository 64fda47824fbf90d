package dev.blogdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blogdb.server.ThrowawayDatabase;
import dev.blogdb.testing.TestDatabases;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MigrationCommandsTest {

    private static final List<String> CHANGESETS = List.of(
            "001-create-users",
            "002-users-email-unique-ignoring-case",
            "003-users-checks",
            "004-create-posts",
            "005-posts-user-id-index",
            "006-posts-checks",
            "007-posts-feed-index",
            "008-posts-version",
            "009-users-batched-deletion",
            "010-posts-author-check-per-statement");

    private final ThrowawayDatabase database = TestDatabases.empty();
    private final Cli cli = Cli.plain();

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void migrateAppliesEveryChangesetAndListsThemInOrder() {
        Cli.Outcome outcome = cli.run(database, "migrate");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.err()).isEmpty();
        List<String> lines = outcome.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("Applied 10 changesets to " + database.jdbcUrl() + ":");
        assertThat(lines.get(1)).isEqualTo("  ID                                    AUTHOR  CHANGELOG");
        assertThat(lines.subList(2, lines.size()))
                .containsExactlyElementsOf(CHANGESETS.stream()
                        .map(id -> String.format("  %-36s  blogdb  db/changelog/changes/%s.yaml", id, id))
                        .toList());
    }

    @Test
    void migrateOnAnUpToDateDatabaseAppliesNothing() {
        cli.run(database, "migrate");

        Cli.Outcome again = cli.run(database, "migrate", "--json");

        assertThat(again.exitCode()).isZero();
        assertThat(again.json().get("applied")).isEmpty();
        assertThat(cli.run(database, "migrate").out())
                .isEqualTo("Nothing to apply: " + database.jdbcUrl() + " is up to date.\n");
    }

    @Test
    void aMigrationThatFailsMidwaySaysWhichChangesetsItAppliedFirst() throws Exception {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE posts (id int)");
        }

        Cli.Outcome outcome = cli.run(database, "migrate");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.out()).isEmpty();
        // The middle is the library's wording of the refusal; the CLI adds what ran before it.
        assertThat(outcome.err())
                .hasLineCount(1)
                .startsWith("blogdb: ")
                .contains("relation \"posts\" already exists")
                .endsWith(
                        " (applied before the failure: 001-create-users, 002-users-email-unique-ignoring-case, 003-users-checks)\n");
    }

    @Test
    void statusListsEveryChangesetOfAnEmptyDatabaseAsPendingAndCreatesNothing() throws Exception {
        Cli.Outcome outcome = cli.run(database, "status", "--json");

        assertThat(outcome.exitCode()).isZero();
        assertThat(ids(outcome.json().get("pending"))).containsExactlyElementsOf(CHANGESETS);
        assertThat(outcome.json().get("pending").get(0).get("changelog").asText())
                .isEqualTo("db/changelog/changes/001-create-users.yaml");
        assertThat(outcome.json().get("pending").get(0).get("author").asText()).isEqualTo("blogdb");
        assertThat(tableCount()).isZero();
    }

    @Test
    void statusSaysUpToDateOnceMigrated() {
        cli.run(database, "migrate");

        Cli.Outcome outcome = cli.run(database, "status");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out())
                .isEqualTo("Up to date: every changeset has been applied to " + database.jdbcUrl() + ".\n");
    }

    @Test
    void rollbackUndoesTheNewestChangesetsFirstAndStatusThenListsThemAsPending() {
        cli.run(database, "migrate");

        Cli.Outcome rollback = cli.run(database, "rollback", "--count", "2", "--json", "--yes");

        assertThat(rollback.exitCode()).isZero();
        assertThat(ids(rollback.json().get("rolledBack")))
                .containsExactly("010-posts-author-check-per-statement", "009-users-batched-deletion");
        assertThat(ids(cli.run(database, "status", "--json").json().get("pending")))
                .containsExactly("009-users-batched-deletion", "010-posts-author-check-per-statement");
    }

    @Test
    void rollbackOnADatabaseWhereNothingRanSaysSoAndCreatesNothing() throws Exception {
        Cli.Outcome outcome = cli.run(database, "rollback", "--count", "1");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out())
                .isEqualTo("Nothing to roll back: no changeset has run on " + database.jdbcUrl() + ".\n");
        assertThat(tableCount()).isZero();
    }

    @Test
    void rollbackWithoutATerminalOrYesSaysWhatItWouldDropAndChangesNothing() throws Exception {
        cli.run(database, "migrate");
        twoPostsByOneUser();

        Cli.Outcome outcome = cli.run(database, "rollback", "--count", "7");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err())
                .isEqualTo(
                        "blogdb: rollback would roll back 7 changesets (010-posts-author-check-per-statement, 009-users-batched-deletion,"
                                + " 008-posts-version, 007-posts-feed-index, 006-posts-checks, 005-posts-user-id-index, 004-create-posts)"
                                + " and drop table posts (2 rows), column users.deletion_posts_deleted (1 value not null),"
                                + " column users.deletion_started_at (0 values not null), column posts.version (2 values not null), and there is no terminal to"
                                + " confirm on: pass --yes to go ahead without asking, or --dry-run to see the SQL\n");
        assertThat(cli.run(database, "status", "--json").json().get("pending")).isEmpty();
        assertThat(count("SELECT count(*) FROM posts")).isEqualTo(2);
    }

    @Test
    void rollbackOnATerminalShowsTheLossAsksAndRollsBackOnlyOnYes() throws Exception {
        cli.run(database, "migrate");
        twoPostsByOneUser();
        FakeTerminal no = new FakeTerminal("n");
        FakeTerminal yes = new FakeTerminal("y");

        Cli.Outcome refused = cli.withTerminal(no).run(database, "rollback", "--count", "7");
        Cli.Outcome done = cli.withTerminal(yes).run(database, "rollback", "--count", "7", "--json");

        assertThat(no.prompts())
                .containsExactly(
                        "On " + database.jdbcUrl()
                                + ", would roll back 7 changesets (010-posts-author-check-per-statement, 009-users-batched-deletion,"
                                + " 008-posts-version, 007-posts-feed-index, 006-posts-checks, 005-posts-user-id-index, 004-create-posts)"
                                + " and drop table posts (2 rows), column users.deletion_posts_deleted (1 value not null),"
                                + " column users.deletion_started_at (0 values not null), column posts.version (2 values not null). Go ahead? [y/N] ");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("blogdb: nothing changed: the answer was not yes\n");
        assertThat(done.exitCode()).isZero();
        assertThat(ids(done.json().get("rolledBack"))).hasSize(7).endsWith("004-create-posts");
        assertThat(count("SELECT count(*) FROM pg_class WHERE relname = 'posts'"))
                .isZero();
    }

    @Test
    void rollbackDryRunPrintsTheChangesetsTheDataLostAndTheSqlAndChangesNothing() throws Exception {
        cli.run(database, "migrate");
        twoPostsByOneUser();

        Cli.Outcome text = cli.run(database, "rollback", "--count", "7", "--dry-run");
        Cli.Outcome json = cli.run(database, "rollback", "--count", "7", "--dry-run", "--json");

        assertThat(text.exitCode()).isZero();
        List<String> lines = text.out().lines().toList();
        assertThat(lines.get(0))
                .isEqualTo("Would roll back 7 changesets on " + database.jdbcUrl()
                        + ", newest first (--dry-run: nothing was changed):");
        assertThat(lines.get(2)).startsWith("  010-posts-author-check-per-statement ");
        assertThat(lines.get(9))
                .isEqualTo(
                        "It would drop table posts (2 rows), column users.deletion_posts_deleted (1 value not null),"
                                + " column users.deletion_started_at (0 values not null), column posts.version (2 values not null).");
        assertThat(lines.get(10)).isEqualTo("The SQL:");
        assertThat(text.out()).contains("DROP TABLE public.posts;").contains("DROP INDEX posts_feed_idx;");
        assertThat(ids(json.json().get("wouldRollBack"))).hasSize(7);
        assertThat(json.json().get("dataLoss").get(0).toString())
                .isEqualTo("{\"table\":\"posts\",\"column\":null,\"values\":2}");
        assertThat(json.json().get("sql").asText()).contains("DROP TABLE public.posts;");
        assertThat(cli.run(database, "verify").exitCode())
                .as("the schema and its changesets are as they were")
                .isZero();
        assertThat(count("SELECT count(*) FROM posts")).isEqualTo(2);
    }

    @Test
    void migrateDryRunPrintsThePendingChangesetsAndTheirSqlAndCreatesNothing() throws Exception {
        Cli.Outcome text = cli.run(database, "migrate", "--dry-run");
        Cli.Outcome json = cli.run(database, "migrate", "--dry-run", "--json");

        assertThat(text.exitCode()).isZero();
        assertThat(text.out())
                .startsWith(
                        "Would apply 10 changesets to " + database.jdbcUrl() + " (--dry-run: nothing was changed):\n")
                .contains("It drops no table and no column.\nThe SQL:\n")
                .contains("CREATE TABLE public.users");
        assertThat(ids(json.json().get("wouldApply"))).containsExactlyElementsOf(CHANGESETS);
        assertThat(json.json().get("dataLoss")).isEmpty();
        assertThat(tableCount()).isZero();
    }

    @Test
    void rollbackWithoutACountIsAUsageError() {
        Cli.Outcome outcome = cli.run(database, "rollback");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).startsWith("blogdb: Missing required option: '--count=N'\n");
    }

    /** One user with two posts, written by hand: the rows a rollback of 004-create-posts would drop. */
    private void twoPostsByOneUser() throws Exception {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO users (email, password_hash) VALUES ('a@example.com', '$argon2id$x')");
            statement.execute(
                    "INSERT INTO posts (user_id, title, content) SELECT id, 't', 'c' FROM users, generate_series(1, 2)");
        }
    }

    private long count(String query) throws Exception {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<String> ids(JsonNode changesets) {
        return changesets.findValuesAsText("id");
    }

    private int tableCount() throws Exception {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery(
                        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
            count.next();
            return count.getInt(1);
        }
    }
}
