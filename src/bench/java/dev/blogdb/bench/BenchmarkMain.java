package dev.blogdb.bench;

import dev.blogdb.BlogDb;
import dev.blogdb.server.PostgresServer;
import dev.blogdb.server.ThrowawayDatabase;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks: a throwaway database from {@link PostgresServer}'s chain, the data set
 * loaded by COPY, every workload verified equal on both sides, then JMH, then the report
 * ({@code docs/benchmarks/}). Run by {@code mvn -Pbench verify}.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        int warmups = Integer.getInteger("blogdb.bench.warmups", 3);
        int iterations = Integer.getInteger("blogdb.bench.iterations", 5);
        // A regular expression over benchmark names, e.g. "w3_" to look into one workload; empty: all.
        String only = System.getProperty("blogdb.bench.include", "");
        DataSet data = DataSet.FULL;
        try (PostgresServer server = PostgresServer.locate();
                ThrowawayDatabase database = server.createDatabase("blogdb_bench")) {
            long loadMs;
            try (BlogDb blog = BlogDb.connect(database.settings())
                            .migrate(true)
                            .statementTimeout(Duration.ZERO)
                            .open();
                    Connection connection = database.connect()) {
                loadMs = data.load(blog, connection);
            }
            System.out.printf(
                    Locale.ROOT,
                    "loaded %,d users and %,d posts by COPY in %,d ms on %s%n",
                    data.users() + 1,
                    data.posts(),
                    loadMs,
                    server.description());

            Map<String, String> statements;
            try (BenchEnvironment environment = new BenchEnvironment(database.settings(), data)) {
                statements = Verification.run(
                        environment.blogDb().dsl(), environment.jdbcSide, environment.targets, FeedDepth.PAGES);
            }
            System.out.println(
                    "both sides return equal results; statements per operation (blogdb / JDBC): " + statements);

            Options options = new OptionsBuilder()
                    .include(only.isBlank() ? Workloads.class.getName() + "|" + FeedDepth.class.getName() : only)
                    .forks(1)
                    .warmupIterations(warmups)
                    .warmupTime(TimeValue.seconds(1))
                    .measurementIterations(iterations)
                    .measurementTime(TimeValue.seconds(2))
                    .jvmArgsAppend(
                            "-Xmx1g",
                            "-D" + BenchEnvironment.URL + "=" + database.jdbcUrl(),
                            "-D" + BenchEnvironment.USER + "=" + database.user(),
                            "-D" + BenchEnvironment.PASSWORD + "="
                                    + database.settings().password().orElse(""))
                    .shouldFailOnError(true)
                    .build();
            Collection<RunResult> results = new Runner(options).run();

            String environmentLine = String.format(
                    Locale.ROOT,
                    "Measured on %s by `./mvnw -Pbench verify` on %d cores, Java %s, %s; %,d users and %,d posts "
                            + "(loaded by COPY in %,d ms); JMH sample time, %d × 1 s warm-up, %d × 2 s measurement, one fork.",
                    LocalDate.now(ZoneOffset.UTC),
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"),
                    server.description(),
                    data.users() + 1,
                    data.posts(),
                    loadMs,
                    warmups,
                    iterations);
            if (only.isBlank()) {
                new Report(measurements(results), statements, environmentLine).write(Path.of("docs", "benchmarks"));
                System.out.println("report written to docs/benchmarks/");
            } else {
                measurements(results).forEach(System.out::println);
            }
        }
    }

    private static List<Measurement> measurements(Collection<RunResult> results) {
        List<Measurement> measurements = new ArrayList<>();
        for (RunResult result : results) {
            String method = result.getParams()
                    .getBenchmark()
                    .substring(result.getParams().getBenchmark().lastIndexOf('.') + 1);
            String[] parts = method.split("_");
            String page = result.getParams().getParam("page");
            var statistics = result.getPrimaryResult().getStatistics();
            measurements.add(new Measurement(
                    "W" + parts[0].substring(1),
                    parts[1],
                    page == null ? 0 : Integer.parseInt(page),
                    statistics.getPercentile(50),
                    statistics.getPercentile(90)));
        }
        return measurements;
    }
}
