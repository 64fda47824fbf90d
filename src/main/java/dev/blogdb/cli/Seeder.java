package dev.blogdb.cli;

import dev.blogdb.user.UserId;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Fills a database with generated users and posts, fast: rows stream to PostgreSQL with COPY,
 * in one transaction, so that a seed is there entirely or not at all. User ids are reserved from
 * the identity sequence first, so posts can name their authors without reading users back.
 *
 * <p>Every seeded user gets the same password hash: hashing with Argon2id costs tens of
 * milliseconds by design, which for a thousand users would be most of the seed's time.
 * Every tenth post is a draft, so the feed and a user's own posts differ.
 */
final class Seeder {

    /**
     * What to seed: {@code users} users with {@code postsPerUser} posts each.
     *
     * @param users        how many users, at least 1 (seed's options refuse fewer)
     * @param postsPerUser how many posts each, at least 0
     */
    record Plan(int users, int postsPerUser) {

        long posts() {
            return (long) users * postsPerUser;
        }
    }

    /**
     * What a seed added.
     *
     * @param users     how many users
     * @param posts     how many posts
     * @param drafts    how many of those posts are drafts
     * @param firstUser the lowest id given to a seeded user
     * @param lastUser  the highest
     */
    record Result(int users, long posts, long drafts, UserId firstUser, UserId lastUser) {
    }

    private static final int FLUSH_BYTES = 1 << 16;
    private static final int DRAFT_EVERY = 10;
    private static final String CONTENT = "Seeded by blogdb to try it out. Lorem ipsum dolor sit amet, consectetur adipiscing elit,"
            + " sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.";

    private Seeder() {
    }

    /** The email of seeded user number {@code n} (from 1) of the seed marked {@code token}. */
    static String email(String token, int n) {
        return "seed" + n + "-" + token + "@example.com";
    }

    /**
     * Seeds, in one transaction on {@code connection}, which is left in the auto-commit mode it had.
     *
     * @param passwordHash the PHC hash every seeded user gets
     * @param token        marks this seed's emails, so that seeding again adds users instead of clashing
     */
    static Result seed(Connection connection, Plan plan, String passwordHash, String token, Progress progress) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        Result result;
        try {
            result = write(connection, plan, passwordHash, token, progress);
            connection.commit();
        } catch (SQLException | RuntimeException failure) {
            cleanUpAfter(failure, connection::rollback);
            cleanUpAfter(failure, () -> connection.setAutoCommit(autoCommit));
            throw failure;
        } finally {
            progress.finish();
        }
        connection.setAutoCommit(autoCommit);
        return result;
    }

    /** Writes the users and then their posts, each table with one COPY, in the transaction open on {@code connection}. */
    private static Result write(Connection connection, Plan plan, String passwordHash, String token, Progress progress) throws SQLException {
        long[] userIds = reserveUserIds(connection, plan.users());
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        long total = plan.users() + plan.posts();

        Rows users = new Rows(copy.copyIn("COPY users (id, email, password_hash) FROM STDIN"), progress, 0, total);
        for (int n = 1; n <= plan.users(); n++) {
            users.add(Long.toString(userIds[n - 1]), email(token, n), passwordHash);
        }
        users.end();

        Rows posts = new Rows(copy.copyIn("COPY posts (user_id, title, content, published) FROM STDIN"), progress, plan.users(), total);
        long drafts = 0;
        long written = 0;
        for (int n = 1; n <= plan.users(); n++) {
            String author = Long.toString(userIds[n - 1]);
            for (int k = 1; k <= plan.postsPerUser(); k++) {
                boolean draft = ++written % DRAFT_EVERY == 0;
                drafts += draft ? 1 : 0;
                posts.add(author, "Post " + k + " of seed user " + n, CONTENT, draft ? "f" : "t");
            }
        }
        posts.end();
        return new Result(plan.users(), plan.posts(), drafts, new UserId(userIds[0]), new UserId(userIds[userIds.length - 1]));
    }

    /** A step that cleans up after a failure, on a connection that may be broken by it. */
    @FunctionalInterface
    private interface CleanUp {
        void run() throws SQLException;
    }

    /**
     * Runs {@code cleanUp} after {@code failure}. If it fails too, as it will on a lost connection,
     * its failure is suppressed in {@code failure}: the error reported must stay the one that
     * explains what went wrong.
     */
    private static void cleanUpAfter(Throwable failure, CleanUp cleanUp) {
        try {
            cleanUp.run();
        } catch (SQLException | RuntimeException cleanUpFailure) {
            failure.addSuppressed(cleanUpFailure);
        }
    }

    /** Takes {@code count} ids from the users' identity sequence: nobody else will be given them. */
    private static long[] reserveUserIds(Connection connection, int count) throws SQLException {
        long[] ids = new long[count];
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT nextval(pg_get_serial_sequence('users', 'id')) FROM generate_series(1, ?)")) {
            statement.setInt(1, count);
            try (ResultSet rows = statement.executeQuery()) {
                for (int i = 0; rows.next(); i++) {
                    ids[i] = rows.getLong(1);
                }
            }
        }
        Arrays.sort(ids);
        return ids;
    }

    /** Rows written to one COPY in PostgreSQL's text format, in chunks, with progress after each. */
    private static final class Rows {

        private final CopyIn copyIn;
        private final Progress progress;
        private final long doneBefore;
        private final long total;
        private final StringBuilder buffer = new StringBuilder(FLUSH_BYTES + 1024);
        private long rows;

        Rows(CopyIn copyIn, Progress progress, long doneBefore, long total) {
            this.copyIn = copyIn;
            this.progress = progress;
            this.doneBefore = doneBefore;
            this.total = total;
        }

        void add(String... fields) throws SQLException {
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) {
                    buffer.append('\t');
                }
                escapeInto(fields[i]);
            }
            buffer.append('\n');
            rows++;
            if (buffer.length() >= FLUSH_BYTES) {
                flush();
            }
        }

        void end() throws SQLException {
            flush();
            try {
                copyIn.endCopy();
            } catch (SQLException | RuntimeException failure) {
                cancelAfter(failure);
                throw failure;
            }
        }

        private void flush() throws SQLException {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            buffer.setLength(0);
            try {
                copyIn.writeToCopy(bytes, 0, bytes.length);
            } catch (SQLException | RuntimeException failure) {
                cancelAfter(failure);
                throw failure;
            }
            progress.update(doneBefore + rows, total);
        }

        /** Ends a COPY that failed midway, since the connection cannot roll back while one is open. */
        private void cancelAfter(Throwable failure) {
            if (copyIn.isActive()) {
                cleanUpAfter(failure, copyIn::cancelCopy);
            }
        }

        /** COPY's text format: backslash, tab and line breaks are escaped with a backslash. */
        private void escapeInto(String field) {
            for (int i = 0; i < field.length(); i++) {
                char c = field.charAt(i);
                switch (c) {
                    case '\\' -> buffer.append("\\\\");
                    case '\t' -> buffer.append("\\t");
                    case '\n' -> buffer.append("\\n");
                    case '\r' -> buffer.append("\\r");
                    default -> buffer.append(c);
                }
            }
        }
    }
}
