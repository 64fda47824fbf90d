package dev.blogdb.cli;

import dev.blogdb.BlogDb;
import dev.blogdb.user.PasswordHasher;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Duration;

import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blogdb seed}: fills the database with generated users and posts, fast. */
@Command(name = "seed", description = {
        "Adds generated users and posts, fast (PostgreSQL COPY, one transaction).",
        "All seeded users share one password, printed once: it is hashed with Argon2id once and the hash reused,"
                + " since hashing each would cost tens of milliseconds per user.",
        "On a terminal a progress bar shows the rate and the time left."})
final class SeedCommand implements Runnable {

    // Without look-alikes (l, 1, I, O, 0), so the printed password can be typed from a screen.
    private static final String PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final String TOKEN_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private int users;

    private int postsPerUser;

    @Mixin
    private DatabaseOptions database;

    @Mixin
    private OutputOptions output;

    @Spec
    private CommandSpec spec;

    private final Environment environment;

    SeedCommand(Environment environment) {
        this.environment = environment;
    }

    @Option(names = "--users", paramLabel = "N", defaultValue = "100", description = "How many users (default: ${DEFAULT-VALUE}).")
    private void users(int count) {
        users = ValueRanges.atLeast(spec, "--users", 1, count);
    }

    @Option(names = "--posts-per-user", paramLabel = "M", defaultValue = "10", description = "How many posts each (default: ${DEFAULT-VALUE}).")
    private void postsPerUser(int count) {
        postsPerUser = ValueRanges.atLeast(spec, "--posts-per-user", 0, count);
    }

    @Override
    public void run() {
        Seeder.Plan plan = new Seeder.Plan(users, postsPerUser);
        DatabaseTarget target = database.targetForWriting();
        try (BlogDb blog = database.open(target)) {
            long start = System.nanoTime();
            String password = randomText(16, PASSWORD_ALPHABET);
            String hash = PasswordHasher.standard().hash(password);
            String token = randomText(6, TOKEN_ALPHABET);
            long hashed = System.nanoTime();
            Progress progress = environment.terminal().isPresent()
                    ? new ProgressBar(spec.commandLine().getErr(), "rows", System::nanoTime)
                    : Progress.none();
            Seeder.Result result = blog.dsl().connectionResult(connection -> Seeder.seed(connection, plan, hash, token, progress));
            long written = System.nanoTime();
            print(result, new Timing(Duration.ofNanos(hashed - start), Duration.ofNanos(written - hashed)), token, password, target);
        }
    }

    /** Where a seed's time went: hashing the one password, and writing the rows (COPY and commit). */
    private record Timing(Duration hashing, Duration writing) {

        double hashingSeconds() {
            return hashing.toNanos() / 1e9;
        }

        double writingSeconds() {
            return writing.toNanos() / 1e9;
        }

        double totalSeconds() {
            return hashingSeconds() + writingSeconds();
        }

        /** Posts written per second of writing. */
        long rate(long posts) {
            return Math.round(posts / writingSeconds());
        }
    }

    private void print(Seeder.Result result, Timing timing, String token, String password, DatabaseTarget target) {
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            ObjectNode json = Json.object()
                    .put("users", result.users())
                    .put("posts", result.posts())
                    .put("drafts", result.drafts())
                    .put("seconds", toTheMillisecond(timing.totalSeconds()))
                    .put("hashingSeconds", toTheMillisecond(timing.hashingSeconds()))
                    .put("writingSeconds", toTheMillisecond(timing.writingSeconds()))
                    .put("postsPerSecond", timing.rate(result.posts()))
                    .put("firstUserId", result.firstUser().value())
                    .put("lastUserId", result.lastUser().value())
                    .put("firstEmail", Seeder.email(token, 1))
                    .put("lastEmail", Seeder.email(token, result.users()))
                    .put("password", password);
            Json.print(out, json);
            return;
        }
        out.printf("Seeded %s and %s (%,d of them drafts) into %s in %.2f s:%n",
                Counted.of(result.users(), "user"), Counted.of(result.posts(), "post"), result.drafts(), target.displayUrl(),
                timing.totalSeconds());
        out.printf("%.2f s to hash the one password, %.2f s to write the rows: %,d posts/s.%n",
                timing.hashingSeconds(), timing.writingSeconds(), timing.rate(result.posts()));
        out.printf("Users %s to %s, ids %d to %d.%n", Seeder.email(token, 1), Seeder.email(token, result.users()),
                result.firstUser().value(), result.lastUser().value());
        out.printf("Their password, the same for all: %s%n", password);
        out.println("(Hashed once with Argon2id, and that one hash stored for every seeded user: hashing each would cost"
                + " tens of milliseconds per user.)");
    }

    private static double toTheMillisecond(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    private static String randomText(int length, String alphabet) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
