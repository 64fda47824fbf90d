package dev.blogdb.cli;

import dev.blogdb.BlogDb;
import dev.blogdb.bulk.BulkPost;
import dev.blogdb.core.UserId;
import dev.blogdb.server.ConnectionSettings;
import dev.blogdb.user.PasswordHasher;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code blogdb seed}: fills the database with generated users and posts, fast, through the
 * library's bulk loader (COPY, one transaction, all or nothing). Emails carry a token new to each
 * seed, so that seeding again adds users instead of clashing; every tenth post is a draft, so the
 * feed and a user's own posts differ.
 */
@Command(
        name = "seed",
        description = {
            "Adds generated users and posts, fast (PostgreSQL COPY, one transaction).",
            "All seeded users share one password, printed once: it is hashed with Argon2id once and the hash reused,"
                    + " since hashing each would cost tens of milliseconds per user.",
            "On a terminal a progress bar shows the rate and the time left."
        })
final class SeedCommand implements Runnable {

    // Without look-alikes (l, 1, I, O, 0), so the printed password can be typed from a screen.
    private static final String PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final String TOKEN_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int DRAFT_EVERY = 10;
    private static final String CONTENT =
            "Seeded by blogdb to try it out. Lorem ipsum dolor sit amet, consectetur adipiscing elit,"
                    + " sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.";

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

    @Option(
            names = "--users",
            paramLabel = "N",
            defaultValue = "100",
            description = "How many users (default: ${DEFAULT-VALUE}).")
    private void users(int count) {
        users = ValueRanges.atLeast(spec, "--users", 1, count);
    }

    @Option(
            names = "--posts-per-user",
            paramLabel = "M",
            defaultValue = "10",
            description = "How many posts each (default: ${DEFAULT-VALUE}).")
    private void postsPerUser(int count) {
        postsPerUser = ValueRanges.atLeast(spec, "--posts-per-user", 0, count);
    }

    @Override
    public void run() {
        ConnectionSettings target = database.targetForWriting();
        try (BlogDb blog = database.open(target)) {
            long start = System.nanoTime();
            String password = randomText(16, PASSWORD_ALPHABET);
            String hash = PasswordHasher.standard().hash(password);
            String token = randomText(6, TOKEN_ALPHABET);
            long hashed = System.nanoTime();
            long total = users + (long) users * postsPerUser;
            Progress progress = environment.terminal().isPresent()
                    ? new ProgressBar(spec.commandLine().getErr(), "rows", System::nanoTime)
                    : Progress.none();
            List<UserId> ids;
            try {
                ids = blog.bulkLoad(load -> {
                    load.reportingProgressTo(rows -> progress.update(rows, total));
                    List<UserId> added = load.addUsers(
                            IntStream.rangeClosed(1, users)
                                    .mapToObj(n -> email(token, n))
                                    .toList(),
                            hash);
                    load.addPosts(() -> posts(added));
                    return added;
                });
            } finally {
                progress.finish();
            }
            long written = System.nanoTime();
            print(
                    new Seeded(ids, (long) users * postsPerUser),
                    new Timing(Duration.ofNanos(hashed - start), Duration.ofNanos(written - hashed)),
                    token,
                    password,
                    target);
        }
    }

    /** The email of seeded user number {@code n} (from 1) of the seed marked {@code token}. */
    static String email(String token, int n) {
        return "seed" + n + "-" + token + "@example.com";
    }

    /** Each user's posts in turn, made as they are written: a seed of millions needs no memory for them. */
    private Iterator<BulkPost> posts(List<UserId> authors) {
        return new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return next < (long) authors.size() * postsPerUser;
            }

            @Override
            public BulkPost next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int user = (int) (next / postsPerUser);
                int k = (int) (next % postsPerUser) + 1;
                next++;
                return BulkPost.of(
                        authors.get(user),
                        "Post " + k + " of seed user " + (user + 1),
                        CONTENT,
                        next % DRAFT_EVERY != 0);
            }
        };
    }

    /**
     * What a seed added.
     *
     * @param users the new users' ids, lowest first
     * @param posts how many posts
     */
    private record Seeded(List<UserId> users, long posts) {

        /** Every tenth post is a draft. */
        long drafts() {
            return posts / DRAFT_EVERY;
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

    private void print(Seeded result, Timing timing, String token, String password, ConnectionSettings target) {
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            ObjectNode json = Json.object()
                    .put("users", result.users().size())
                    .put("posts", result.posts())
                    .put("drafts", result.drafts())
                    .put("seconds", toTheMillisecond(timing.totalSeconds()))
                    .put("hashingSeconds", toTheMillisecond(timing.hashingSeconds()))
                    .put("writingSeconds", toTheMillisecond(timing.writingSeconds()))
                    .put("postsPerSecond", timing.rate(result.posts()))
                    .put("firstUserId", result.users().get(0).value())
                    .put(
                            "lastUserId",
                            result.users().get(result.users().size() - 1).value())
                    .put("firstEmail", email(token, 1))
                    .put("lastEmail", email(token, result.users().size()))
                    .put("password", password);
            Json.print(out, json);
            return;
        }
        out.printf(
                "Seeded %s and %s (%,d of them drafts) into %s in %.2f s:%n",
                Counted.of(result.users().size(), "user"),
                Counted.of(result.posts(), "post"),
                result.drafts(),
                target.url(),
                timing.totalSeconds());
        out.printf(
                "%.2f s to hash the one password, %.2f s to write the rows: %,d posts/s.%n",
                timing.hashingSeconds(), timing.writingSeconds(), timing.rate(result.posts()));
        out.printf(
                "Users %s to %s, ids %d to %d.%n",
                email(token, 1),
                email(token, result.users().size()),
                result.users().get(0).value(),
                result.users().get(result.users().size() - 1).value());
        out.printf("Their password, the same for all: %s%n", password);
        out.println(
                "(Hashed once with Argon2id, and that one hash stored for every seeded user: hashing each would cost"
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
