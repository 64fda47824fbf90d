package dev.blogdb.cli;

import dev.blogdb.server.PostgresServer;
import dev.blogdb.server.Settings;
import dev.blogdb.server.ThrowawayDatabase;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code blogdb demo}: a tour for newcomers. On a throwaway database it runs the real commands, one
 * step after another, showing each command line and what it printed: migrate, seed, add a user and
 * posts, show the user, the feed, and delete the user to show the cascade. The database is dropped
 * at the end, whatever happened.
 */
@Command(
        name = "demo",
        description = {
            "A tour of the commands on a throwaway database, dropped at the end.",
            "It migrates, seeds, adds a user with two posts, shows them and the feed, and deletes the user to show the cascade.",
            "The database is created on the server $BLOGDB_JDBC_URL names if it is set, else in a Docker container"
                    + " (Testcontainers), else in an embedded PostgreSQL; nothing else on a named server is touched."
        })
final class DemoCommand implements Runnable {

    private static final String PASSWORD = "correct horse battery staple";

    @ParentCommand
    private BlogDbCli blogdb;

    @Spec
    private CommandSpec spec;

    private final Environment environment;

    DemoCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("blogdb demo: a tour of blogdb's command line on a throwaway database.");
        List<String> skipped = new ArrayList<>();
        String databaseName;
        try (PostgresServer server = locateServer(environment.settings(), skipped);
                ThrowawayDatabase database = createDatabase(server)) {
            databaseName = database.name();
            out.println("Server:     " + server.description());
            skipped.forEach(note -> out.println("            (" + note + ")"));
            out.println("Database:   " + database.name() + ", created for this tour and dropped at its end.");
            // The URL is the server's, BLOGDB_JDBC_URL's if set, and may carry a password parameter: masked.
            out.println("Each step runs a blogdb command on it, as if given --jdbc-url "
                    + database.settings().url());
            tour(new Steps(database, out, blogdb.verbose()));
        }
        out.println("Dropped " + databaseName
                + ". Next: blogdb --help, and docs/cli.md to point blogdb at your own database.");
    }

    private static void tour(Steps steps) {
        steps.heading("1. Apply the schema: the Liquibase changelog, read from inside the jar");
        steps.expectSuccess("migrate");

        steps.heading("2. Seed users and posts: PostgreSQL COPY, and one Argon2id hash shared by every seeded user");
        steps.expectSuccess("seed", "--users", "20", "--posts-per-user", "10");

        steps.heading("3. Add a user, and two posts of theirs: one published, one a draft");
        steps.expectSuccessWithInput(PASSWORD, "add-user", "ada@example.com");
        steps.expectSuccess(
                "post",
                "add",
                "--author",
                "ada@example.com",
                "--title",
                "Hello, blogdb",
                "--content",
                "Typed keys, keyset pages and a cascade that cleans up after me.");
        steps.expectSuccess(
                "post",
                "add",
                "--author",
                "ada@example.com",
                "--title",
                "Notes for later",
                "--content",
                "Drafts stay out of the feed.",
                "--draft");

        steps.heading("4. A user with their posts, drafts included, newest first");
        steps.expectSuccess("user", "ada@example.com");

        steps.heading(
                "5. The feed: published posts only, newest first, each with its author; a cursor asks for the next page");
        steps.expectSuccess("feed", "--limit", "5");

        steps.heading("6. Delete the user: ON DELETE CASCADE removes their posts, and blogdb counts them");
        steps.expectSuccess("delete-user", "ada@example.com", "--yes");
        steps.expectFailure("user", "ada@example.com");
        steps.expectSuccess("feed", "--limit", "3");
    }

    private static PostgresServer locateServer(Settings settings, List<String> skipped) {
        try {
            return PostgresServer.locate(settings, skipped::add);
        } catch (IllegalStateException e) {
            throw new CommandFailure(e.getMessage(), e);
        }
    }

    private static ThrowawayDatabase createDatabase(PostgresServer server) {
        try {
            return server.createDatabase("blogdb_demo");
        } catch (IllegalStateException e) {
            throw new CommandFailure(e.getMessage(), e);
        }
    }

    /**
     * Runs blogdb commands against the demo's database, printing each command line first. What
     * they print on standard error goes to standard output too, so that the tour reads in order.
     */
    private record Steps(ThrowawayDatabase database, PrintWriter out, boolean verbose) {

        void heading(String text) {
            out.println();
            out.println("== " + text);
        }

        void expectSuccess(String... args) {
            expect(0, null, args);
        }

        void expectSuccessWithInput(String input, String... args) {
            expect(0, input, args);
        }

        void expectFailure(String... args) {
            expect(Failures.EXIT_FAILURE, null, args);
        }

        private void expect(int exitCode, String input, String... args) {
            out.println();
            out.println("$ " + (input == null ? "" : "echo " + quoted(input) + " | ") + "blogdb "
                    + Arrays.stream(args).map(Steps::quoted).collect(Collectors.joining(" ")));
            out.flush();
            // No terminal: the commands read the input given, and do not ask.
            Environment environment = new Environment(
                    Settings.ofVariables(Map.of()),
                    Optional.empty(),
                    new BufferedReader(new StringReader(input == null ? "" : input + "\n")),
                    false);
            CommandLine command = BlogDbCli.commandLine(environment);
            command.setOut(out);
            command.setErr(out);
            int actual = command.execute(withDatabase(args));
            if (actual != exitCode) {
                throw new CommandFailure("the demo stopped: blogdb " + String.join(" ", args) + " exited with " + actual
                        + " where " + exitCode + " was expected");
            }
        }

        private String[] withDatabase(String... args) {
            List<String> all = new ArrayList<>(List.of(args));
            all.addAll(List.of("--jdbc-url", database.jdbcUrl(), "--user", database.user()));
            database.settings().password().ifPresent(password -> all.addAll(List.of("--password", password)));
            if (verbose) {
                all.add("--verbose");
            }
            return all.toArray(String[]::new);
        }

        private static String quoted(String arg) {
            return arg.matches("[A-Za-z0-9@._=/:-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
        }
    }
}
