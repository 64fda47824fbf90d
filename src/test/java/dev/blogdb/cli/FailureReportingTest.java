package dev.blogdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blogdb.core.StatementTimeoutException;
import dev.blogdb.server.JdbcUrl;
import dev.blogdb.server.ThrowawayDatabase;
import dev.blogdb.testing.TestDatabases;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Exit codes, and the one line that says why a command did not do what it was asked. */
class FailureReportingTest {

    private final Cli cli = Cli.plain();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "migrate",
                "rollback --count 1",
                "seed",
                "add-user ada@example.com",
                "post delete 1",
                "delete-user ada@example.com --yes"
            })
    void commandsThatChangeDataRefuseADatabaseThatWasNotNamed(String command) {
        Cli.Outcome outcome = cli.withVariables(Map.of("PGHOST", "localhost", "PGUSER", "postgres"))
                .withInput("long enough password")
                .run(command.split(" "));

        String name = command.startsWith("post") ? "post delete" : command.split(" ")[0];
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err())
                .isEqualTo(
                        "blogdb: " + name + " changes data, so it acts only on a database named explicitly:"
                                + " pass --jdbc-url jdbc:postgresql://HOST:PORT/DATABASE, or set BLOGDB_JDBC_URL or PGDATABASE\n");
    }

    @Test
    void aDatabaseNamedByPgDatabaseIsOneThatCommandsMayChange() {
        try (ThrowawayDatabase database = TestDatabases.empty()) {
            JdbcUrl url = database.settings().url();
            Map<String, String> variables = new HashMap<>(Map.of(
                    "PGHOST",
                    url.host(),
                    "PGPORT",
                    String.valueOf(url.port()),
                    "PGDATABASE",
                    url.database().orElseThrow(),
                    "PGUSER",
                    database.user()));
            database.settings().password().ifPresent(password -> variables.put("PGPASSWORD", password));

            Cli.Outcome outcome = cli.withVariables(variables).run("migrate", "--json");

            assertThat(outcome.exitCode()).isZero();
            assertThat(outcome.json().get("applied")).hasSize(10);
        }
    }

    @Test
    void aMalformedUrlIsRefusedInOneLineBeforeAnyConnection() {
        Cli.Outcome outcome = cli.run("feed", "--jdbc-url", "localhost:5432/blog");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err())
                .isEqualTo(
                        "blogdb: --jdbc-url is not a PostgreSQL JDBC URL (jdbc:postgresql://HOST[:PORT]/DATABASE): localhost:5432/blog\n");
    }

    @Test
    void anUnreachableDatabaseIsReportedInOneLine() {
        Cli.Outcome outcome =
                cli.run("feed", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/nowhere", "--connect-timeout", "1");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err())
                .isEqualTo(
                        "blogdb: cannot connect to jdbc:postgresql://127.0.0.1:1/nowhere: ConnectException: Connection refused\n");
    }

    @Test
    void readingADatabaseWithoutTheSchemaSaysToMigrateIt() {
        try (ThrowawayDatabase database = TestDatabases.empty()) {
            Cli.Outcome outcome = cli.run(database, "feed");

            assertThat(outcome.exitCode()).isEqualTo(1);
            assertThat(outcome.err())
                    .isEqualTo(
                            "blogdb: the database has no blogdb schema (relation \"public.posts\" does not exist): run blogdb migrate on it first\n");
        }
    }

    @Test
    void aFailureTheLibraryWordedReadsAsItSaysWhicheverExceptionCarriesIt() {
        SQLException cancelled = new SQLException("ERROR: canceling statement due to statement timeout", "57014");
        RuntimeException timeout =
                new StatementTimeoutException("PostgreSQL cancelled a statement: " + cancelled.getMessage(), cancelled);

        assertThat(Failures.describe(new IllegalStateException("wrapped", timeout)))
                .isEqualTo("PostgreSQL cancelled a statement: ERROR: canceling statement due to statement timeout");
    }

    @Test
    void aRefusalTheLibraryHasNoExceptionForReadsInTheServersWords() {
        RuntimeException failure = new DataAccessException(
                "SQL [CREATE TABLE posts]", new SQLException("ERROR: relation \"posts\" already exists", "42P07"));

        assertThat(Failures.describe(failure))
                .isEqualTo("the database refused: ERROR: relation \"posts\" already exists");
    }

    @Test
    void anOptionGivenEmptyIsRefusedRatherThanFallingBackToTheEnvironment() {
        Cli.Outcome outcome = cli.withVariables(Map.of("BLOGDB_JDBC_URL", "jdbc:postgresql://127.0.0.1:1/other"))
                .run("rollback", "--count", "1", "--jdbc-url", " ");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err())
                .isEqualTo("blogdb: --jdbc-url was given empty: give a value, or leave the option out\n");
    }

    @Test
    void verboseAddsTheStackTrace() {
        Cli.Outcome quiet = cli.run("feed", "--jdbc-url", "not-a-url");
        Cli.Outcome verbose = cli.run("feed", "--jdbc-url", "not-a-url", "--verbose");

        assertThat(quiet.err()).hasLineCount(1);
        assertThat(verbose.exitCode()).isEqualTo(1);
        assertThat(verbose.err())
                .startsWith(quiet.err() + "dev.blogdb.cli.CommandFailure: --jdbc-url is not a PostgreSQL JDBC URL")
                .contains("\tat dev.blogdb.cli.DatabaseOptions.target(");
    }

    @ParameterizedTest(name = "blogdb {0}")
    @CsvSource(delimiter = '|', textBlock = """
            users --limit 0                           | users       | --limit must be between 1 and 500, was 0
            feed --limit 501                          | feed        | --limit must be between 1 and 500, was 501
            user ada@example.com --limit 0            | user        | --limit must be between 1 and 500, was 0
            rollback --count 0                        | rollback    | --count must be at least 1, was 0
            seed --users 0                            | seed        | --users must be at least 1, was 0
            seed --posts-per-user -1                  | seed        | --posts-per-user must be at least 0, was -1
            feed --connect-timeout 0                  | feed        | --connect-timeout must be at least 1, was 0
            seed --statement-timeout -1               | seed        | --statement-timeout must be at least 0, was -1
            post delete 0                             | post delete | a post id must be at least 1, was 0
            user 0                                    | user        | a user id is a whole number from 1 to 9223372036854775807, was 0
            delete-user 99999999999999999999 --yes    | delete-user | a user id is a whole number from 1 to 9223372036854775807, was 99999999999999999999
            post add --author 0 --title T --content C | post add    | a user id is a whole number from 1 to 9223372036854775807, was 0
            """)
    void aValueOutOfRangeIsAUsageErrorFoundBeforeConnecting(String command, String name, String message) {
        // The database is unreachable: a check made after connecting would report that instead.
        Cli.Outcome outcome = cli.run((command + " --jdbc-url jdbc:postgresql://127.0.0.1:1/nowhere").split(" "));

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err()).isEqualTo("blogdb: " + message + "\nSee: blogdb " + name + " --help\n");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Cli.Outcome outcome = cli.run("users", "--bogus");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err()).isEqualTo("blogdb: Unknown option: '--bogus'\nSee: blogdb users --help\n");
    }

    @Test
    void aMisspelledCommandIsAUsageErrorThatSuggestsTheRightOne() {
        Cli.Outcome outcome = cli.run("feeds");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err())
                .startsWith("blogdb: Unmatched argument at index 0: 'feeds'\nDid you mean: blogdb feed")
                .endsWith("See: blogdb --help\n");
    }

    @Test
    void noCommandIsAUsageErrorThatPointsAtTheDemo() {
        Cli.Outcome outcome = cli.run();

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).isEqualTo("blogdb: Missing command: try blogdb demo\nSee: blogdb --help\n");
    }

    @Test
    void helpListsTheCommandsAndExitsWithZero() {
        Cli.Outcome outcome = cli.run("--help");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out())
                .startsWith("Usage: blogdb ")
                .contains(
                        "  demo ",
                        "  migrate ",
                        "  status ",
                        "  rollback ",
                        "  seed ",
                        "  add-user ",
                        "  users ",
                        "  user ",
                        "  feed ",
                        "  post ",
                        "  delete-user ");
    }
}
