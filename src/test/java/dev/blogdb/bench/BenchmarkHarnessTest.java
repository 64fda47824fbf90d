package dev.blogdb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blogdb.BlogDb;
import dev.blogdb.server.ThrowawayDatabase;
import dev.blogdb.testing.TestDatabases;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the benchmark harness once on a tiny data set, so that it cannot rot: the data loads, every
 * workload gives equal results through blogdb and through JDBC with the statement counts docs/guarantees.md
 * states, and the report and charts are written. Nothing here is timed against anything.
 */
class BenchmarkHarnessTest {

    @Test
    void everyWorkloadAgreesOnBothSidesAndTheReportIsWritten(@TempDir Path directory) throws Exception {
        try (ThrowawayDatabase database = TestDatabases.empty()) {
            try (BlogDb blog = BlogDb.connect(database.settings()).migrate(true).open();
                    Connection connection = database.connect()) {
                DataSet.TINY.load(blog, connection);
            }
            Map<String, String> statements;
            try (BenchEnvironment environment = new BenchEnvironment(database.settings(), DataSet.TINY)) {
                statements = Verification.run(
                        environment.blogDb().dsl(),
                        environment.jdbcSide,
                        environment.hibernateSide(),
                        environment.targets,
                        List.of(1, 2, 3));
            }

            assertThat(statements)
                    .containsExactly(
                            Map.entry("W1", "1 / 1"),
                            Map.entry("W1x10", "1 / 1"),
                            Map.entry("W2", "1 / 1"),
                            Map.entry("W3", "1 / 1"),
                            Map.entry("W3b", "1 / 1"),
                            Map.entry("W4", "1 + COPY / 10000 rows in one batch"),
                            Map.entry("W5", "1 / 1"));

            List<Measurement> measurements = new ArrayList<>();
            for (int pass = 1; pass <= 3; pass++) {
                for (String workload : List.of("W1", "W1x10", "W2", "W3", "W3b", "W4")) {
                    measurements.add(new Measurement(workload, "blogdb", 0, 1, pass, 1.0 + pass / 10.0, 1.3, 1.1));
                    measurements.add(new Measurement(workload, "jdbc", 0, 1, pass, 1.0, 1.2, 1.0));
                }
                measurements.add(new Measurement("W4", "copy", 0, 1, pass, 0.5, 0.6, 0.5));
                for (int page : FeedDepth.PAGES) {
                    measurements.add(new Measurement("W5", "blogdb", page, 1, pass, 1.0, 1.1, 1.0));
                    measurements.add(new Measurement("W5", "jdbc", page, 1, pass, 1.0, 1.1, 1.0));
                    measurements.add(new Measurement("W5", "offset", page, 1, pass, page / 10.0, page / 9.0, 1.0));
                }
            }
            for (int callers : Scaling.CALLERS) {
                measurements.add(new Measurement("W1", "blogdb", 0, callers, 0, 2.0, 2.5, 2.0));
                measurements.add(new Measurement("W1", "jdbc", 0, callers, 0, 1.0, 1.5, 1.0));
            }
            new Report(measurements, statements, "tiny run").write(directory);

            assertThat(Files.readString(directory.resolve("results.md")))
                    .contains(
                            "tiny run",
                            "| W1: ",
                            "1.20× [1.10 – 1.30]",
                            "≤ 1.2× met",
                            "≤ 1.15× **missed**",
                            "| W3: ",
                            "| 4 | 2,000 (2.50) | 4,000 (1.50) | 2.00× |",
                            "| 500 | 1.00 | 1.00 | 50.00 |",
                            "](ratios.svg)");
            for (String chart : List.of("ratios.svg", "feed-depth.svg")) {
                DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(directory.resolve(chart).toFile());
            }
        }
    }
}
