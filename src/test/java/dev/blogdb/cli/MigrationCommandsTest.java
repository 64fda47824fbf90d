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
            "008-posts-version");

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
        assertThat(lines.get(0)).isEqualTo("Applied 8 changesets to " + database.jdbcUrl() + ":");
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

        Cli.Outcome rollback = cli.run(database, "rollback", "--count", "2", "--json");

        assertThat(rollback.exitCode()).isZero();
        assertThat(ids(rollback.json().get("rolledBack"))).containsExactly("008-posts-version", "007-posts-feed-index");
        assertThat(ids(cli.run(database, "status", "--json").json().get("pending")))
                .containsExactly("007-posts-feed-index", "008-posts-version");
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
    void rollbackWithoutACountIsAUsageError() {
        Cli.Outcome outcome = cli.run(database, "rollback");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).startsWith("blogdb: Missing required option: '--count=N'\n");
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
