package dev.blogdb.bulk;

import static dev.blogdb.jooq.Sequences.USERS_ID_SEQ;
import static dev.blogdb.jooq.Tables.POSTS;
import static dev.blogdb.jooq.Tables.USERS;
import static org.jooq.impl.DSL.currentOffsetDateTime;

import dev.blogdb.core.DuplicateEmailException;
import dev.blogdb.core.InvalidInputException;
import dev.blogdb.core.UnknownAuthorException;
import dev.blogdb.core.UserId;
import dev.blogdb.internal.BinaryCopy;
import dev.blogdb.internal.ErrorTranslation;
import dev.blogdb.internal.IdReservation;
import dev.blogdb.internal.Inputs;
import dev.blogdb.user.PasswordHasher;

import java.sql.Connection;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongConsumer;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;

/**
 * Loads many users and posts fast, all in one transaction: rows stream to PostgreSQL with
 * {@code COPY}, so a load is there entirely or not at all. User ids are reserved from the identity
 * sequence before the users are written, so posts can name their authors without reading users
 * back. Every row is validated as the repositories validate it, before it is sent.
 *
 * <pre>{@code
 * String hash = PasswordHasher.standard().hash("one password for all");  // hashing is slow by design
 * blog.bulkLoad(load -> {
 *     List<UserId> ids = load.addUsers(List.of("ada@example.com", "grace@example.com"), hash);
 *     return load.addPosts(List.of(BulkPost.of(ids.get(0), "Hello", "First post", true)));
 * });
 * }</pre>
 *
 * <p>A loader is only good inside the {@link #load} (or {@code BlogDb.bulkLoad}) call that made it.
 */
public final class BulkLoader {

    private final DSLContext transaction;
    private final Connection connection;
    private final OffsetDateTime now;
    private LongConsumer progress = rows -> {};
    private long rowsWritten;

    private BulkLoader(DSLContext transaction, Connection connection) {
        this.transaction = transaction;
        this.connection = connection;
        // What the columns' DEFAULT now() would give: the transaction's start.
        this.now = transaction.select(currentOffsetDateTime()).fetchSingle().value1();
    }

    /**
     * Runs {@code work} with a loader, in one transaction on {@code dsl}: it commits if {@code work}
     * returns and rolls back everything if it throws. Inside a transaction of the caller's, it
     * joins it (jOOQ nests the transaction as a savepoint).
     *
     * @return what {@code work} returns
     */
    public static <T> T load(DSLContext dsl, Function<BulkLoader, T> work) {
        Objects.requireNonNull(work, "work");
        DSLContext translated = ErrorTranslation.applyTo(dsl);
        return translated.transactionResult(configuration -> configuration
                .dsl()
                .connectionResult(connection -> work.apply(new BulkLoader(configuration.dsl(), connection))));
    }

    /**
     * Reports the number of rows written so far (users and posts) to {@code listener}, after each
     * chunk sent; for a progress bar.
     */
    public BulkLoader reportingProgressTo(LongConsumer listener) {
        this.progress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** The rows written so far by this loader, users and posts. */
    public long rowsWritten() {
        return rowsWritten;
    }

    /**
     * Adds users who all get the same password hash: hashing is slow by design (tens of milliseconds),
     * so a thousand users hashed one by one would take longer than a hundred thousand posts.
     *
     * @param emails       the users' emails, normalised and checked as {@code UserRepository.create} does
     * @param passwordHash a hash made by {@link PasswordHasher#hash}, shared by all
     * @return the new users' ids, in the order of {@code emails}
     * @throws InvalidInputException   if an email breaks a rule (the field names its position:
     *                                 {@code emails[3]}), or the hash is not one blogdb can check
     * @throws DuplicateEmailException if an email is taken, here or already, ignoring letter case
     */
    public List<UserId> addUsers(List<String> emails, String passwordHash) {
        Inputs.required("emails", emails);
        if (!PasswordHasher.standard().canCheck(passwordHash)) {
            throw new InvalidInputException("passwordHash", "must be an Argon2 hash made by PasswordHasher.hash");
        }
        List<String> addresses = new ArrayList<>(emails.size());
        for (int i = 0; i < emails.size(); i++) {
            addresses.add(Inputs.email("emails[" + i + "]", emails.get(i)));
        }
        if (addresses.isEmpty()) {
            return List.of();
        }
        List<UserId> ids = IdReservation.reserve(transaction, USERS_ID_SEQ, addresses.size(), UserId::new);
        BinaryCopy rows = copyInto(USERS, USERS.ID, USERS.EMAIL, USERS.PASSWORD_HASH);
        rows.write(() -> {
            for (int i = 0; i < addresses.size(); i++) {
                rows.add(ids.get(i), addresses.get(i), passwordHash);
            }
        });
        return ids;
    }

    /**
     * Adds posts, streamed: {@code posts} may be a lazy iterable of any length.
     *
     * @return how many posts were added
     * @throws InvalidInputException  if a post breaks a rule (the field names its position: {@code posts[3].title})
     * @throws UnknownAuthorException if a post's author does not exist
     */
    public long addPosts(Iterable<BulkPost> posts) {
        Inputs.required("posts", posts);
        BinaryCopy rows = copyInto(POSTS, POSTS.USER_ID, POSTS.TITLE, POSTS.CONTENT, POSTS.PUBLISHED, POSTS.CREATED_AT);
        long[] added = {0};
        rows.write(() -> {
            for (BulkPost post : posts) {
                String field = "posts[" + added[0] + "]";
                Inputs.required(field, post);
                Inputs.required(field + ".author", post.author());
                rows.add(
                        post.author(),
                        Inputs.title(field + ".title", post.title()),
                        Inputs.content(field + ".content", post.content()),
                        post.published(),
                        post.createdAt().orElse(now));
                added[0]++;
            }
        });
        return added[0];
    }

    /** A COPY into {@code table}'s {@code columns}, reporting the loader's progress after each chunk. */
    private BinaryCopy copyInto(Table<?> table, Field<?>... columns) {
        long before = rowsWritten;
        return BinaryCopy.into(transaction, connection, table, columns).reportingChunksTo(rows -> {
            rowsWritten = before + rows;
            progress.accept(rowsWritten);
        });
    }
}
