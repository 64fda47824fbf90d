package dev.blogdb.bench;

import dev.blogdb.BlogDb;
import dev.blogdb.bulk.BulkPost;
import dev.blogdb.core.UserId;
import dev.blogdb.migration.Migrations;
import dev.blogdb.server.PostgresServer;
import dev.blogdb.server.ThrowawayDatabase;
import dev.blogdb.user.PasswordHasher;
import dev.blogdb.user.UserDeletion;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

/**
 * A manual measurement, not a test: how long other writers wait while a user with many posts is
 * deleted, by {@code users.delete} (one statement) and by {@code users.deleteInBatches}. It
 * asserts nothing about time; docs/operations.md records what it printed, and how to run it:
 *
 * <pre>
 * ./mvnw -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.blogdb.bench.LockWaitHarness [POSTS] [BATCH]
 * </pre>
 *
 * <p>Each way runs on a fresh database of its own (on the server the build's chain finds). Four
 * writers, each on its own connection, repeat one statement as fast as they can while the deletion
 * runs, and each statement's time is recorded: an update of one of the doomed user's posts (picked
 * at random), a new post for the doomed user (refused: by the foreign key once the user is gone,
 * or by the trigger while a batched deletion runs), an update of the doomed user's row, and a new
 * post for another user, which contends with neither way and shows the machine's own noise.
 */
public final class LockWaitHarness {

    private LockWaitHarness() {}

    public static void main(String... args) throws Exception {
        int posts = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        try (PostgresServer server = PostgresServer.locate()) {
            System.out.printf(
                    "PostgreSQL %s (%s); %,d posts; %d processors%n",
                    server.version(),
                    server.description(),
                    posts,
                    Runtime.getRuntime().availableProcessors());
            measure(server, posts, "one statement (users.delete)", Optional.empty());
            measure(
                    server,
                    posts,
                    "batched, " + batchSize + " per batch (users.deleteInBatches)",
                    Optional.of(batchSize));
        }
    }

    private static void measure(PostgresServer server, int posts, String way, Optional<Integer> batchSize)
            throws Exception {
        try (ThrowawayDatabase database = server.createDatabase("blogdb_bench_lockwait")) {
            try (Connection connection = database.connect()) {
                Migrations.over(connection).update();
            }
            try (BlogDb blog = BlogDb.connect(database.settings())
                    .statementTimeout(Duration.ZERO)
                    .open()) {
                String hash = PasswordHasher.standard().hash("one password for all");
                List<UserId> users = blog.bulkLoad(load -> {
                    List<UserId> ids = load.addUsers(List.of("doomed@example.com", "other@example.com"), hash);
                    load.addPosts(() -> LongStream.range(0, posts)
                            .mapToObj(n -> BulkPost.of(ids.get(0), "title " + n, "content " + n, true))
                            .iterator());
                    return ids;
                });
                UserId doomed = users.get(0);
                UserId other = users.get(1);
                List<Long> doomedPosts = postIds(database, doomed);
                try (Connection vacuum = database.connect()) {
                    vacuum.createStatement().execute("VACUUM ANALYZE");
                }

                AtomicBoolean running = new AtomicBoolean(true);
                List<Writer> writers = List.of(
                        new Writer(
                                "update a post of the user being deleted",
                                database,
                                running,
                                statement -> {
                                    statement.setLong(
                                            1,
                                            doomedPosts.get(
                                                    ThreadLocalRandom.current().nextInt(doomedPosts.size())));
                                },
                                "UPDATE posts SET title = 'edited' WHERE id = ?"),
                        new Writer(
                                "insert a post for the user being deleted",
                                database,
                                running,
                                statement -> {
                                    statement.setLong(1, doomed.value());
                                },
                                "INSERT INTO posts (user_id, title, content) VALUES (?, 'late', 'late')"),
                        new Writer(
                                "update the user's row (email)",
                                database,
                                running,
                                statement -> {
                                    statement.setLong(1, doomed.value());
                                },
                                "UPDATE users SET email = 'doomed+' || floor(random() * 1000)::int || '@example.com' WHERE id = ?"),
                        new Writer(
                                "insert a post for another user",
                                database,
                                running,
                                statement -> {
                                    statement.setLong(1, other.value());
                                },
                                "INSERT INTO posts (user_id, title, content) VALUES (?, 'fine', 'fine')"));
                writers.forEach(Thread::start);
                Thread.sleep(500);
                writers.forEach(Writer::startMeasuring);
                long start = System.nanoTime();
                Optional<UserDeletion> deletion = batchSize.isPresent()
                        ? blog.users().deleteInBatches(doomed, batchSize.get())
                        : blog.users().delete(doomed);
                long took = System.nanoTime() - start;
                writers.forEach(Writer::stopMeasuring);
                running.set(false);
                for (Writer writer : writers) {
                    writer.join();
                }
                System.out.printf(
                        "%n%s: deleted %,d posts in %.2f s%n",
                        way, deletion.orElseThrow().postsDeleted(), took / 1e9);
                System.out.println("| writer | statements | median ms | p99 ms | max ms | refused |");
                System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
                writers.forEach(Writer::report);
            }
        }
    }

    private static List<Long> postIds(ThrowawayDatabase database, UserId author) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement("SELECT id FROM posts WHERE user_id = ?")) {
            statement.setLong(1, author.value());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        return ids;
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** One writer: repeats its statement on its own connection, and records each one's time while measuring. */
    private static final class Writer extends Thread {

        private final ThrowawayDatabase database;
        private final AtomicBoolean running;
        private final Binder binder;
        private final String sql;
        private final List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        private volatile boolean measuring;
        private volatile int refused;

        Writer(String name, ThrowawayDatabase database, AtomicBoolean running, Binder binder, String sql) {
            super(name);
            this.database = database;
            this.running = running;
            this.binder = binder;
            this.sql = sql;
        }

        void startMeasuring() {
            measuring = true;
        }

        void stopMeasuring() {
            measuring = false;
        }

        @Override
        public void run() {
            try (Connection connection = database.connect();
                    PreparedStatement statement = connection.prepareStatement(sql)) {
                while (running.get()) {
                    binder.bind(statement);
                    long start = System.nanoTime();
                    boolean wasMeasuring = measuring;
                    try {
                        statement.executeUpdate();
                    } catch (SQLException refusal) { // the foreign key or the trigger said no: a write like any other
                        if (wasMeasuring) {
                            refused++;
                        }
                    }
                    if (wasMeasuring) {
                        nanos.add(System.nanoTime() - start);
                    }
                    Thread.sleep(1); // a steady stream of writes, not a busy loop that starves the deletion
                }
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(getName() + " failed", e);
            }
        }

        void report() {
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            if (sorted.isEmpty()) {
                System.out.printf("| %s | 0 | | | | |%n", getName());
                return;
            }
            System.out.printf(
                    "| %s | %,d | %.1f | %.1f | %.1f | %,d |%n",
                    getName(),
                    sorted.size(),
                    sorted.get(sorted.size() / 2) / 1e6,
                    sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)) / 1e6,
                    sorted.get(sorted.size() - 1) / 1e6,
                    refused);
        }
    }
}
