package dev.blogdb.bench;

import dev.blogdb.BlogDb;
import dev.blogdb.bench.sqlalchemy.PeerSqlAlchemy;
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
        int warmups = Integer.getInteger("blogdb.bench.warmups", 8);
        int iterations = Integer.getInteger("blogdb.bench.iterations", 5);
        int passes = Integer.getInteger("blogdb.bench.passes", 3);
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
                    data.allUsers(),
                    data.posts(),
                    loadMs,
                    server.description());

            Map<String, String> statements;
            try (BenchEnvironment environment = new BenchEnvironment(database.settings(), data)) {
                statements = Verification.run(
                        environment.blogDb().dsl(),
                        environment.jdbcSide,
                        environment.hibernateSide(),
                        environment.targets,
                        FeedDepth.PAGES);
            }
            System.out.println(
                    "both sides return equal results; statements per operation (blogdb / JDBC): " + statements);

            String[] jvmArgs = {
                "-Xmx1g",
                "-D" + BenchEnvironment.URL + "=" + database.jdbcUrl(),
                "-D" + BenchEnvironment.USER + "=" + database.user(),
                "-D" + BenchEnvironment.PASSWORD + "="
                        + database.settings().password().orElse("")
            };
            // Interleaved passes: every workload once per pass, so a change in the machine's state
            // during the run shows as spread between passes instead of biasing one side.
            List<Measurement> measured = new ArrayList<>();
            // W5's depth curve only in the first pass: it shows a shape, not a ratio with a target.
            String firstPass = only.isBlank() ? Workloads.class.getName() + "|" + FeedDepth.class.getName() : only;
            String laterPasses = only.isBlank() ? Workloads.class.getName() : only;
            for (int pass = 1; pass <= passes; pass++) {
                System.out.printf(Locale.ROOT, "pass %d of %d%n", pass, passes);
                measured.addAll(measurements(
                        run(pass == 1 ? firstPass : laterPasses, 1, warmups, iterations, jvmArgs), 1, pass));
            }
            if (only.isBlank()) {
                measured.addAll(sqlAlchemy(database, data));
            }
            if (only.isBlank() || only.contains("Scaling")) {
                for (int callers : Scaling.CALLERS) {
                    System.out.printf(Locale.ROOT, "scaling: %d concurrent callers%n", callers);
                    measured.addAll(measurements(
                            run(Scaling.class.getName(), callers, warmups, iterations, jvmArgs), callers, 0));
                }
            }

            String environmentLine = String.format(
                    Locale.ROOT,
                    "Measured on %s by `./mvnw -Pbench verify` on %d cores, Java %s, %s; %,d users and %,d posts "
                            + "(loaded by COPY in %,d ms); JMH sample time, %d interleaved passes (one fork each) of "
                            + "%d × 1 s warm-up and %d × 2 s measurement per benchmark.",
                    LocalDate.now(ZoneOffset.UTC),
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"),
                    server.description(),
                    data.allUsers(),
                    data.posts(),
                    loadMs,
                    passes,
                    warmups,
                    iterations);
            if (only.isBlank()) {
                new Report(measured, statements, environmentLine).write(Path.of("docs", "benchmarks"));
                System.out.println("report written to docs/benchmarks/");
            } else {
                measured.forEach(System.out::println);
            }
        }
    }

    /**
     * SQLAlchemy's times, measured by its own script after the JMH passes (its results were checked
     * equal to blogdb's by PeersTest); none, with the reason printed, where it is not installed.
     */
    private static List<Measurement> sqlAlchemy(ThrowawayDatabase database, DataSet data) throws Exception {
        settle(database);
        Targets targets = Targets.of(data);
        PeerSqlAlchemy.Outcome outcome = PeerSqlAlchemy.run(
                database.settings(),
                targets.ordinaryUser().value(),
                targets.prolificUser().value(),
                targets.heavyPageAfter(),
                Targets.W4_POSTS,
                3,
                6,
                Duration.ofMinutes(10),
                List.of());
        if (!(outcome instanceof PeerSqlAlchemy.Measured measured)) {
            System.out.println("SQLAlchemy: " + outcome);
            return List.of();
        }
        System.out.printf(
                Locale.ROOT,
                "SQLAlchemy %s on Python %s, psycopg2 %s%n",
                measured.sqlAlchemy(),
                measured.python(),
                measured.psycopg2());
        List<Measurement> times = new ArrayList<>();
        measured.workloads()
                .forEach((workload, time) -> times.add(new Measurement(
                        workload, "sqlalchemy", 0, 1, 1, time.medianMs(), time.p90Ms(), time.medianMs())));
        return times;
    }

    /** A {@linkplain BenchEnvironment#settle settled} database, for the SQLAlchemy script. */
    private static void settle(ThrowawayDatabase database) throws java.sql.SQLException {
        try (Connection connection = database.connect()) {
            BenchEnvironment.settle(connection);
        }
    }

    private static Collection<RunResult> run(String pattern, int callers, int warmups, int iterations, String[] jvmArgs)
            throws Exception {
        Options options = new OptionsBuilder()
                .include(pattern)
                .forks(1)
                .threads(callers)
                .warmupIterations(warmups)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(2))
                .jvmArgsAppend(jvmArgs)
                .shouldFailOnError(true)
                .build();
        return new Runner(options).run();
    }

    private static List<Measurement> measurements(Collection<RunResult> results, int callers, int pass) {
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
                    callers,
                    pass,
                    statistics.getPercentile(50),
                    statistics.getPercentile(90),
                    statistics.getMean()));
        }
        return measurements;
    }
}
