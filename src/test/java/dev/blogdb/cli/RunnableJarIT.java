package dev.blogdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blogdb.server.ThrowawayDatabase;
import dev.blogdb.testing.TestDatabases;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * target/blogdb.jar, run as people run it: {@code java -jar}. What only the shaded jar can get
 * wrong is checked here: Liquibase finding its changelog and its services inside it, the main
 * class, a PostgreSQL of its own for the demo (found by the same chain as the build's), and
 * libraries' logs kept off the terminal.
 */
class RunnableJarIT {

    private static final Path JAR = Path.of(System.getProperty("blogdb.jar", "target/blogdb.jar"));

    @Test
    void theJarMigratesWithTheChangelogItCarriesAndReadsBack() throws Exception {
        try (ThrowawayDatabase database = TestDatabases.empty()) {
            Run migrate = java(Cli.on(database, "migrate", "--json"));
            Run status = java(Cli.on(database, "status"));
            Run feed = java(Cli.on(database, "feed", "--json"));

            assertThat(migrate.exitCode()).isZero();
            assertThat(migrate.err()).isEmpty();
            assertThat(new ObjectMapper().readTree(migrate.out()).get("applied").findValuesAsText("id"))
                    .hasSize(10)
                    .startsWith("001-create-users")
                    .endsWith("010-posts-author-check-per-statement");
            assertThat(status.out()).startsWith("Up to date: every changeset has been applied");
            JsonNode emptyFeed = new ObjectMapper().readTree(feed.out());
            assertThat(emptyFeed.get("items")).isEmpty();
        }
    }

    @Test
    void aFailureIsOneLineOnStandardErrorWithoutTheLibrariesLogs() throws Exception {
        Run run = java("feed", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/nowhere", "--connect-timeout", "1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .startsWith("blogdb: cannot connect to jdbc:postgresql://127.0.0.1:1/nowhere: ")
                .hasLineCount(1);
    }

    @Test
    void theJarLeavesOutMicrometerSoTheDemoProvesBlogdbRunsWithoutIt() throws Exception {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(jar.stream().map(JarEntry::getName))
                    .contains("dev/blogdb/metrics/BlogDbMetrics.class")
                    .noneMatch(name -> name.startsWith("io/micrometer/"));
        }
    }

    @Test
    void theDemoTakesTheWholeTourOnAThrowawayDatabase() throws Exception {
        Run demo = java("demo");

        assertThat(demo.err()).isEmpty();
        assertThat(demo.exitCode()).isZero();
        assertThat(demo.out())
                .contains("$ blogdb migrate\nApplied 10 changesets to ")
                .contains(
                        "$ blogdb seed --users 20 --posts-per-user 10\nSeeded 20 users and 200 posts (20 of them drafts)")
                .contains(
                        "$ echo 'correct horse battery staple' | blogdb add-user ada@example.com\nCreated user 21: ada@example.com")
                .contains("$ blogdb user ada@example.com\nUser 21: ada@example.com")
                .contains(
                        "$ blogdb delete-user ada@example.com --yes\nDeleted user 21 (ada@example.com); the cascade removed 2 posts.")
                .contains("$ blogdb user ada@example.com\nblogdb: no user with email ada@example.com")
                .containsPattern("\nDropped blogdb_demo_[0-9a-f]{12}\\. ");
    }

    /**
     * What a run printed.
     *
     * @param exitCode its exit code
     * @param out      its standard output
     * @param err      its standard error
     */
    private record Run(int exitCode, String out, String err) {}

    private static Run java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("blogdb-out", ".txt");
        Path err = Files.createTempFile("blogdb-err", ".txt");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("blogdb " + String.join(" ", args) + " did not finish within 3 minutes");
            }
            return new Run(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }
}
