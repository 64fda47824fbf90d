package dev.blogdb.bench.sqlalchemy;

import dev.blogdb.server.ConnectionSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The SQLAlchemy 1.4 peer: runs {@code src/bench/python/sqlalchemy_side.py} with Debian's
 * {@code /usr/bin/python3} (Debian's python3-sqlalchemy and python3-psycopg2, which
 * {@code .ci/bench-peers.sh} installs; a pyenv or other python3 on the PATH does not see them), bounded
 * by a timeout, and reads the one line of JSON it prints. Without them the answer is {@link NotAvailable}
 * with the script's reason, never a number.
 */
public final class PeerSqlAlchemy {

    /** Debian's interpreter, the one its python3-sqlalchemy package installs for. */
    public static final Path PYTHON = Path.of("/usr/bin/python3");
    /** The script, relative to the project's root (the working directory of Maven's runs), unless set. */
    public static final String SCRIPT_PROPERTY = "blogdb.bench.sqlalchemy.script";

    private static final String SCRIPT = "src/bench/python/sqlalchemy_side.py";
    private static final int NOT_INSTALLED = 3;

    private PeerSqlAlchemy() {}

    /** What the run gave. */
    public sealed interface Outcome permits Measured, NotAvailable {}

    /** SQLAlchemy is not installed for {@link #PYTHON}, or there is no such interpreter. */
    public record NotAvailable(String reason) implements Outcome {
        @Override
        public String toString() {
            return "not available: " + reason;
        }
    }

    /**
     * The measurements.
     *
     * @param python     Python's version
     * @param sqlAlchemy SQLAlchemy's
     * @param psycopg2   psycopg2's
     * @param workloads  by name (W1, W1x10, W2, W3, W3b, W4), each its fastest variant
     */
    public record Measured(String python, String sqlAlchemy, String psycopg2, Map<String, Workload> workloads)
            implements Outcome {}

    /**
     * One workload's sampled times.
     *
     * @param variant      how SQLAlchemy did it (e.g. selectinload)
     * @param medianMs     median of one call
     * @param p90Ms        90th percentile, nearest rank
     * @param samples      calls measured
     * @param checksum     the result's checksum, to compare with {@link PeerChecksums}' for blogdb's result
     * @param alternatives the slower variants tried, if any
     */
    public record Workload(
            String variant,
            double medianMs,
            double p90Ms,
            int samples,
            Map<String, String> checksum,
            List<Workload> alternatives) {}

    /**
     * Runs every workload ({@code only} empty) or those named, each warmed up and then measured for
     * the given seconds.
     *
     * @param ordinaryUser W3's user id
     * @param prolificUser W3b's user id
     * @param heavyAfter   the user id after which W1x10's page starts
     * @param timeout      the longest the script may take, after which it is killed and this throws
     * @throws IllegalStateException if the script fails, times out or prints what is not its JSON
     */
    public static Outcome run(
            ConnectionSettings database,
            long ordinaryUser,
            long prolificUser,
            long heavyAfter,
            int w4Posts,
            double warmupSeconds,
            double measureSeconds,
            Duration timeout,
            List<String> only)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            return new NotAvailable(
                    PYTHON + " does not exist (apt-get install python3 python3-sqlalchemy python3-psycopg2)");
        }
        Path script = Path.of(System.getProperty(SCRIPT_PROPERTY, SCRIPT));
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("no " + script.toAbsolutePath() + "; set -D" + SCRIPT_PROPERTY);
        }
        List<String> command = new ArrayList<>(List.of(
                PYTHON.toString(),
                script.toString(),
                "--jdbc-url",
                database.url().value(),
                "--user",
                database.user(),
                "--ordinary-user",
                Long.toString(ordinaryUser),
                "--prolific-user",
                Long.toString(prolificUser),
                "--heavy-after",
                Long.toString(heavyAfter),
                "--w4-posts",
                Integer.toString(w4Posts),
                "--warmup",
                String.format(Locale.ROOT, "%.3f", warmupSeconds),
                "--measure",
                String.format(Locale.ROOT, "%.3f", measureSeconds)));
        if (!only.isEmpty()) {
            command.add("--only");
            command.add(String.join(",", only));
        }
        Path out = Files.createTempFile("sqlalchemy-side", ".json");
        Path err = Files.createTempFile("sqlalchemy-side", ".err");
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            // The password through the environment, where the process list does not show it; libpq reads it.
            database.password().ifPresent(password -> builder.environment().put("PGPASSWORD", password));
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("the SQLAlchemy peer took longer than " + timeout + ": " + tail(err));
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8).strip();
            int exit = process.exitValue();
            JsonNode json;
            try {
                json = new ObjectMapper().readTree(stdout.substring(stdout.lastIndexOf('\n') + 1));
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException(
                        "the SQLAlchemy peer exited with " + exit + " and printed no JSON: " + tail(err), e);
            }
            if (exit == NOT_INSTALLED && json != null && !json.path("available").asBoolean(true)) {
                return new NotAvailable(json.path("reason").asText());
            }
            if (exit != 0 || json == null || !json.path("available").asBoolean(false)) {
                throw new IllegalStateException("the SQLAlchemy peer exited with " + exit + ": " + tail(err));
            }
            Map<String, Workload> workloads = new LinkedHashMap<>();
            json.path("workloads")
                    .fields()
                    .forEachRemaining(entry -> workloads.put(entry.getKey(), workload(entry.getValue())));
            JsonNode versions = json.path("versions");
            return new Measured(
                    versions.path("python").asText(),
                    versions.path("sqlalchemy").asText(),
                    versions.path("psycopg2").asText(),
                    workloads);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Workload workload(JsonNode node) {
        Map<String, String> checksum = new LinkedHashMap<>();
        node.path("checksum")
                .fields()
                .forEachRemaining(
                        entry -> checksum.put(entry.getKey(), entry.getValue().asText()));
        List<Workload> alternatives = new ArrayList<>();
        node.path("alternatives").forEach(alternative -> alternatives.add(workload(alternative)));
        return new Workload(
                node.path("variant").asText(),
                node.path("median_ms").asDouble(),
                node.path("p90_ms").asDouble(),
                node.path("samples").asInt(),
                checksum,
                alternatives);
    }

    /** The end of what the script wrote to standard error, for a failure's message. */
    private static String tail(Path err) throws IOException {
        String text = Files.readString(err, StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "(nothing on standard error)" : text.substring(Math.max(0, text.length() - 2_000));
    }
}
