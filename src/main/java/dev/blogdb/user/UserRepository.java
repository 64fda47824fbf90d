package dev.blogdb.user;

import static dev.blogdb.jooq.Tables.POSTS;
import static dev.blogdb.jooq.Tables.USERS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectCount;
import static org.jooq.impl.DSL.val;

import dev.blogdb.core.DuplicateEmailException;
import dev.blogdb.core.InvalidInputException;
import dev.blogdb.core.Page;
import dev.blogdb.core.PageRequest;
import dev.blogdb.core.PostId;
import dev.blogdb.core.UserId;
import dev.blogdb.internal.Calls;
import dev.blogdb.internal.Citus;
import dev.blogdb.internal.ErrorTranslation;
import dev.blogdb.internal.Inputs;
import dev.blogdb.internal.KeysetCursor;
import dev.blogdb.internal.RenderedOnce;
import dev.blogdb.internal.RenderedOnce.PageShape;
import dev.blogdb.internal.Rows;
import dev.blogdb.jooq.tables.records.UsersRecord;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record1;
import org.jooq.ResultQuery;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.SQLDataType;

/**
 * Users: creating, finding, authenticating, listing, changing and deleting them. (Users with their
 * posts are read by {@code PostRepository}: the post feature builds on this one, as
 * {@code posts.user_id} refers to {@code users.id}.) Every method validates its arguments before
 * any SQL is sent and reports the database's refusals as blogdb's exceptions. Thread-safe when its
 * {@link DSLContext} is.
 */
public final class UserRepository {

    /** Whether PostgreSQL keeps those counts: {@code on} unless an administrator turned them off. */
    private static final Field<String> TRACK_COUNTS = function("current_setting", String.class, inline("track_counts"));

    private static final String COUNTING = "track_counts";
    private static final String BEFORE = "posts_deleted_before";
    private static final String AFTER = "posts_deleted_after";

    private final DSLContext dsl;
    private final Calls calls;
    private final PasswordHasher hasher;
    private final RenderedOnce byId;
    private final RenderedOnce all;
    /** The delete with its two reads of the counter: one shape, the user's id its only bind value. */
    private final RenderedOnce deletion;

    /** A repository over {@code dsl}, hashing with {@link PasswordHasher#standard()}. */
    public UserRepository(DSLContext dsl) {
        this(dsl, PasswordHasher.standard());
    }

    /** A repository over {@code dsl}, hashing with {@code hasher}. */
    public UserRepository(DSLContext dsl, PasswordHasher hasher) {
        this.dsl = ErrorTranslation.applyTo(dsl);
        this.calls = Calls.of(this.dsl, "users");
        this.hasher = hasher;
        this.byId = new RenderedOnce(this.dsl);
        this.all = new RenderedOnce(this.dsl);
        this.deletion = new RenderedOnce(this.dsl);
    }

    private UserRepository(UserRepository parent, DSLContext dsl) {
        this.dsl = ErrorTranslation.applyTo(dsl);
        this.calls = Calls.of(this.dsl, "users");
        this.hasher = parent.hasher;
        this.byId = parent.byId.over(this.dsl);
        this.all = parent.all.over(this.dsl);
        this.deletion = parent.deletion.over(this.dsl);
    }

    /**
     * This repository over {@code dsl}, typically a transaction's context (as {@code
     * BlogDb.transaction} does): the same hasher, and the SQL this repository has already rendered
     * while {@code dsl} renders alike (equal settings, the same dialect, no visit listeners), so
     * that a transaction does not render its queries anew.
     */
    public UserRepository within(DSLContext dsl) {
        return new UserRepository(this, dsl);
    }

    /**
     * How many rows this transaction has deleted from {@code posts} so far, by PostgreSQL's own
     * count; the table named as {@code dsl} renders it, so no search_path can point elsewhere.
     */
    private static Field<Long> postsDeletedSoFar(DSLContext dsl) {
        return function(
                "pg_stat_get_xact_tuples_deleted",
                SQLDataType.BIGINT,
                function("to_regclass", Object.class, inline(dsl.render(POSTS))));
    }

    /**
     * Creates a user. The email is stored as given (without surrounding white space); the password
     * is stored only as an Argon2id hash.
     *
     * @throws InvalidInputException   if the email or password breaks a rule (see {@link InvalidInputException})
     * @throws DuplicateEmailException if a user has this email, ignoring letter case
     */
    public User create(String email, String password) {
        return calls.observe("create", () -> {
            String address = Inputs.email("email", email);
            String hash = hasher.hash(Inputs.password(password));
            return dsl.insertInto(USERS, USERS.EMAIL, USERS.PASSWORD_HASH)
                    .values(address, hash)
                    .returning(UserProjection.columns(USERS))
                    .fetchSingle(row -> UserProjection.from(row, USERS));
        });
    }

    /** The user with this id, if there is one. */
    public Optional<User> findById(UserId id) {
        return calls.observe("findById", () -> {
            Inputs.required("id", id);
            Param<UserId> key = val(id, USERS.ID);
            return Rows.first(
                    byId.query(
                            () -> dsl.select(UserProjection.columns(USERS))
                                    .from(USERS)
                                    .where(USERS.ID.eq(key)),
                            key),
                    row -> UserProjection.read(row, 1));
        });
    }

    /**
     * The user with this email, ignoring letter case and surrounding white space, if there is one.
     *
     * @throws InvalidInputException if {@code email} is not a valid email
     */
    public Optional<User> findByEmail(String email) {
        return calls.observe("findByEmail", () -> {
            String address = Inputs.email("email", email);
            return Rows.first(
                    dsl.select(UserProjection.columns(USERS)).from(USERS).where(hasEmail(address)),
                    row -> UserProjection.read(row, 1));
        });
    }

    /**
     * The user with this email and password, or empty if there is none. An unknown email and a
     * wrong password both cost one Argon2id verification, so the time taken does not tell them apart.
     *
     * @throws InvalidInputException if {@code email} is not a valid email, or {@code password} is null
     */
    public Optional<User> authenticate(String email, String password) {
        return calls.observe("authenticate", () -> {
            String address = Inputs.email("email", email);
            Inputs.required("password", password);
            if (password.codePointCount(0, password.length()) > Inputs.MAX_PASSWORD_LENGTH) {
                // No stored password is longer, and how much is hashed must not be the caller's to choose.
                hasher.verifyAgainstDecoy("");
                return Optional.empty();
            }
            Optional<UsersRecord> found =
                    dsl.selectFrom(USERS).where(hasEmail(address)).fetchOptional();
            if (found.isEmpty()) {
                hasher.verifyAgainstDecoy(password);
                return Optional.empty();
            }
            return hasher.matches(password, found.get().getPasswordHash())
                    ? Optional.of(UserProjection.from(found.get(), USERS))
                    : Optional.empty();
        });
    }

    /**
     * A page of users in the order they were created, without their posts. Its cursors and those of
     * {@code PostRepository.findUsersWithPosts} are interchangeable: both list users by id.
     *
     * @throws InvalidInputException if the cursor is not one a users listing returned
     */
    public Page<User> findAll(PageRequest page) {
        return calls.observe("findAll", () -> {
            Inputs.required("page", page);
            Optional<Param<UserId>> after = KeysetCursor.userPosition(page).map(last -> val(last, USERS.ID));
            List<User> rows = Rows.list(
                    all.query(
                            new PageShape(page.limit(), after.isPresent()),
                            () -> dsl.select(UserProjection.columns(USERS))
                                    .from(USERS)
                                    .where(after.map(USERS.ID::gt).orElse(noCondition()))
                                    .orderBy(USERS.ID)
                                    .limit(inline(page.limit() + 1)),
                            after.stream().toArray(Param<?>[]::new)),
                    page.limit() + 1,
                    row -> UserProjection.read(row, 1));
            return Page.fromLookahead(rows, page.limit(), last -> KeysetCursor.afterUser(last.id()));
        });
    }

    /**
     * Changes a user's email.
     *
     * @return the user as changed, or empty if there is no such user
     * @throws InvalidInputException   if the email breaks a rule (see {@link InvalidInputException})
     * @throws DuplicateEmailException if another user has this email, ignoring letter case
     */
    public Optional<User> changeEmail(UserId id, String email) {
        return calls.observe("changeEmail", () -> {
            Inputs.required("id", id);
            String address = Inputs.email("email", email);
            return dsl.update(USERS)
                    .set(USERS.EMAIL, address)
                    .where(USERS.ID.eq(id))
                    .returning(UserProjection.columns(USERS))
                    .fetchOptional(row -> UserProjection.from(row, USERS));
        });
    }

    /**
     * Replaces a user's password (stored as a new Argon2id hash with a new salt).
     *
     * @return whether the user exists (and so had the password changed)
     * @throws InvalidInputException if the password breaks a rule (see {@link InvalidInputException})
     */
    public boolean changePassword(UserId id, String password) {
        return calls.observe("changePassword", () -> {
            Inputs.required("id", id);
            String hash = hasher.hash(Inputs.password(password));
            return dsl.update(USERS)
                            .set(USERS.PASSWORD_HASH, hash)
                            .where(USERS.ID.eq(id))
                            .execute()
                    == 1;
        });
    }

    /**
     * Deletes a user; the database's ON DELETE CASCADE deletes their posts, and the count of posts
     * deleted is exactly what that cascade removed, even while others write.
     *
     * <p>How it counts: PostgreSQL keeps, per transaction, how many rows it has deleted from each
     * table ({@code pg_stat_get_xact_tuples_deleted}), the cascade's included. One round trip carries
     * two statements in one transaction: the {@code DELETE}, whose {@code RETURNING} reads that
     * counter as the user's row goes (the cascade, an AFTER trigger, runs at the end of the
     * statement), and a read of the counter after it; the difference is the cascade's count. A post
     * that another transaction adds while the delete waits for the user's row is deleted by the
     * cascade, and so counted. This costs what the plain cascading {@code DELETE} costs, where locking
     * and counting the posts first cost twice as much for a user with many posts. Where PostgreSQL
     * does not count ({@code track_counts = off}), the delete locks and counts the posts first.
     * On Citus, which a {@code BlogDb} detects when it opens, the posts are deleted and counted by
     * a statement of their own before the user (three statements in one transaction).
     *
     * @return the user and how many posts went with them, or empty if there was no such user
     */
    public Optional<UserDeletion> delete(UserId id) {
        return calls.observe("delete", () -> {
            Inputs.required("id", id);
            if (Citus.isDistributed(dsl)) {
                return inOneTransaction(UserRepository::deletePostsThenUser, id);
            }
            Param<UserId> key = val(id, USERS.ID);
            ResultQuery<?> deleteAndReadCounter = deletion.query(
                    () -> {
                        // RETURNING is evaluated as the user's row is deleted, before the cascade (an AFTER
                        // trigger) runs at the end of the statement: it reads the counter as it was before.
                        Field<Long> postsDeletedSoFar = postsDeletedSoFar(dsl);
                        Field<Long> before = postsDeletedSoFar.as(BEFORE);
                        // Typed (coerced) columns: jOOQ then reads no result metadata, which pgjdbc would look
                        // up in the catalog with an extra query.
                        return dsl.resultQuery(
                                        "{0};\n{1}",
                                        // Only while PostgreSQL counts: otherwise this deletes nothing, and the
                                        // fallback decides.
                                        dsl.deleteFrom(USERS)
                                                .where(USERS.ID.eq(key), TRACK_COUNTS.eq(inline("on")))
                                                .returningResult(USERS.ID, USERS.EMAIL, USERS.CREATED_AT, before),
                                        select(postsDeletedSoFar.as(AFTER), TRACK_COUNTS.as(COUNTING)))
                                .coerce(USERS.ID, USERS.EMAIL, USERS.CREATED_AT, before);
                    },
                    key);
            try (Cursor<?> cursor = deleteAndReadCounter.fetchLazy()) {
                ResultSet deleted = cursor.resultSet();
                Optional<User> user = deleted.next() ? Optional.of(UserProjection.read(deleted, 1)) : Optional.empty();
                long postsDeletedBefore = user.isPresent() ? deleted.getLong(UserProjection.WIDTH + 1) : 0;
                Statement statement = deleted.getStatement();
                if (!statement.getMoreResults()) {
                    throw new IllegalStateException("PostgreSQL sent no second result for the delete's counter");
                }
                try (ResultSet counterAfter = statement.getResultSet()) {
                    counterAfter.next();
                    long postsDeletedAfter = counterAfter.getLong(1);
                    boolean counting = "on".equals(counterAfter.getString(2));
                    if (user.isEmpty()) {
                        return counting
                                ? Optional.<UserDeletion>empty()
                                : inOneTransaction(UserRepository::lockCountAndDelete, id);
                    }
                    return Optional.of(
                            new UserDeletion(user.get(), Math.toIntExact(postsDeletedAfter - postsDeletedBefore)));
                }
            } catch (SQLException e) {
                RuntimeException translated = ErrorTranslation.translate(e);
                throw translated != null
                        ? translated
                        : new DataAccessException("deleting user " + id + ": " + e.getMessage(), e);
            }
        });
    }

    /** {@code delete} in the caller's transaction if there is one, else in one of its own. */
    private Optional<UserDeletion> inOneTransaction(
            BiFunction<DSLContext, UserId, Optional<UserDeletion>> delete, UserId id) {
        boolean inTransaction = !dsl.connectionResult(Connection::getAutoCommit);
        return inTransaction
                ? delete.apply(dsl, id)
                : dsl.transactionResult(transaction -> delete.apply(transaction.dsl(), id));
    }

    /**
     * The delete on Citus, with {@code posts} distributed by {@code user_id} and {@code users} a
     * reference table (docs/scaling.md): there PostgreSQL's counter on the coordinator misses the
     * rows its workers delete, and a locking read over posts' shards is refused. So: lock the
     * user's row, delete their posts by {@code user_id} (one shard) counting what that delete
     * reports, then delete the user; the cascade finds nothing left.
     */
    private static Optional<UserDeletion> deletePostsThenUser(DSLContext tx, UserId id) {
        if (!lockUser(tx, id)) {
            return Optional.empty();
        }
        int postsDeleted = tx.deleteFrom(POSTS).where(POSTS.USER_ID.eq(id)).execute();
        return tx.deleteFrom(USERS)
                .where(USERS.ID.eq(id))
                .returning(USERS.ID, USERS.EMAIL, USERS.CREATED_AT)
                .fetchOptional(row -> new UserDeletion(
                        new User(row.get(USERS.ID), row.get(USERS.EMAIL), row.get(USERS.CREATED_AT)), postsDeleted));
    }

    /**
     * Locks the user's row ({@code FOR UPDATE}), which holds off new posts for them: a post's
     * foreign-key check needs a share lock on it. Whether there was such a user.
     */
    private static boolean lockUser(DSLContext tx, UserId id) {
        return tx.selectOne()
                .from(USERS)
                .where(USERS.ID.eq(id))
                .forUpdate()
                .fetchOptional()
                .isPresent();
    }

    /**
     * The delete where PostgreSQL keeps no counts: lock the user's row (which holds off new posts for
     * them, as a post's foreign-key check needs a share lock on it), then lock and count their posts
     * and delete the user, in one transaction, so the cascade removes exactly the posts counted.
     */
    private static Optional<UserDeletion> lockCountAndDelete(DSLContext tx, UserId id) {
        if (!lockUser(tx, id)) {
            return Optional.empty();
        }
        CommonTableExpression<Record1<PostId>> lockedPosts = name("locked_posts")
                .as(select(POSTS.ID).from(POSTS).where(POSTS.USER_ID.eq(id)).forUpdate());
        var deletedUser = name("deleted_user")
                .as(tx.deleteFrom(USERS).where(USERS.ID.eq(id)).returning(USERS.ID, USERS.EMAIL, USERS.CREATED_AT));
        Field<Integer> postsDeleted = field(selectCount().from(lockedPosts));
        return tx.with(lockedPosts)
                .with(deletedUser)
                .select(
                        deletedUser.field(USERS.ID),
                        deletedUser.field(USERS.EMAIL),
                        deletedUser.field(USERS.CREATED_AT),
                        postsDeleted)
                .from(deletedUser)
                .fetchOptional(
                        row -> new UserDeletion(new User(row.value1(), row.value2(), row.value3()), row.value4()));
    }

    /**
     * What {@link #delete} would remove now, changing nothing: the user and the exact number of
     * their posts, read in one statement.
     *
     * @return the user and their posts' count, or empty if there is no such user
     */
    public Optional<DeletionPreview> previewDelete(UserId id) {
        Inputs.required("id", id);
        Field<Integer> posts = field(selectCount().from(POSTS).where(POSTS.USER_ID.eq(id)));
        return dsl.select(USERS.ID, USERS.EMAIL, USERS.CREATED_AT, posts)
                .from(USERS)
                .where(USERS.ID.eq(id))
                .fetchOptional(row -> new DeletionPreview(UserProjection.from(row, USERS), row.value4()));
    }

    /** As {@link #deleteInBatches(UserId, int, DeletionProgress)}, with nobody watching its progress. */
    public Optional<UserDeletion> deleteInBatches(UserId id, int batchSize) {
        return deleteInBatches(id, batchSize, DeletionProgress.none());
    }

    /**
     * Deletes a user with very many posts without holding locks for as long as one huge cascade
     * takes: their posts go {@code batchSize} at a time, each batch its own short transaction, and
     * then the user, as {@link #delete} does.
     *
     * <p>First the user is marked as being deleted ({@code users.deletion_started_at}), in a
     * transaction of its own: from then on the database refuses every new post for them with
     * {@link dev.blogdb.core.AuthorBeingDeletedException}, so they cannot gain posts meanwhile.
     * Each batch adds the posts it deleted to {@code users.deletion_posts_deleted} in the same
     * transaction, so the count is exact whatever happens. A deletion that was interrupted (a lost
     * connection, a stopped process) leaves the user marked with some of their posts gone: calling
     * this again resumes it, and its count includes the posts the interrupted run deleted. Another
     * run on the same user at the same time only shares the work; {@link #delete} finishes a marked
     * user at once, counting only the posts left.
     *
     * <p>It commits after every batch, so it must not run inside a caller's transaction.
     *
     * @param batchSize how many posts each transaction deletes, at least 1
     * @param progress  told after each batch
     * @return the user and how many posts went with them in all, or empty if there was no such user
     * @throws InvalidInputException if {@code batchSize} is less than 1
     * @throws IllegalStateException if called inside a transaction
     */
    public Optional<UserDeletion> deleteInBatches(UserId id, int batchSize, DeletionProgress progress) {
        Inputs.required("id", id);
        Inputs.required("progress", progress);
        if (batchSize < 1) {
            throw new InvalidInputException("batchSize", "must be at least 1, was " + batchSize);
        }
        if (!dsl.connectionResult(Connection::getAutoCommit)) {
            throw new IllegalStateException("deleteInBatches commits each batch: call it outside a transaction");
        }
        // Marked in its own transaction, kept as it was if a deletion began before.
        Optional<Long> deletedBefore = dsl.update(USERS)
                .set(USERS.DELETION_STARTED_AT, coalesce(USERS.DELETION_STARTED_AT, currentOffsetDateTime()))
                .where(USERS.ID.eq(id))
                .returning(USERS.DELETION_POSTS_DELETED)
                .fetchOptional(USERS.DELETION_POSTS_DELETED);
        if (deletedBefore.isEmpty()) {
            return Optional.empty();
        }
        long done = deletedBefore.get();
        long total = done + dsl.fetchCount(POSTS, POSTS.USER_ID.eq(id));
        for (int deleted; (deleted = dsl.transactionResult(tx -> deleteBatch(tx.dsl(), id, batchSize))) > 0; ) {
            done += deleted;
            progress.postsDeleted(done, Math.max(done, total));
        }
        return dsl.transactionResult(tx -> {
            // Locked before the user is, as each batch does, so that two runs never wait on each other in a cycle.
            Optional<Long> counted = tx.dsl()
                    .select(USERS.DELETION_POSTS_DELETED)
                    .from(USERS)
                    .where(USERS.ID.eq(id))
                    .forUpdate()
                    .fetchOptional(Record1::value1);
            if (counted.isEmpty()) {
                return Optional.<UserDeletion>empty(); // deleted meanwhile by someone else
            }
            // Inside this transaction, delete's own statements see and lock what the line above did.
            return within(tx.dsl())
                    .delete(id)
                    .map(last -> new UserDeletion(last.user(), Math.toIntExact(counted.get() + last.postsDeleted())));
        });
    }

    /**
     * Deletes up to {@code batchSize} of the user's posts, oldest id first, and adds them to the
     * user's count, in the caller's transaction.
     *
     * @return how many posts it deleted: 0 when none are left, or when the user is gone
     */
    private static int deleteBatch(DSLContext tx, UserId id, int batchSize) {
        // The user's row first, as the last step locks it, so that the two never wait on each other in
        // a cycle. Only a key-share lock: a writer of the user's other columns (an email change) then
        // waits for no more than the count's update at the end, not for the whole batch.
        if (tx.selectOne()
                .from(USERS)
                .where(USERS.ID.eq(id))
                .forKeyShare()
                .fetchOptional()
                .isEmpty()) {
            return 0;
        }
        int deleted = tx.deleteFrom(POSTS)
                .where(POSTS.ID.in(select(POSTS.ID)
                        .from(POSTS)
                        .where(POSTS.USER_ID.eq(id))
                        .orderBy(POSTS.ID)
                        .limit(batchSize)))
                .execute();
        if (deleted > 0) {
            tx.update(USERS)
                    .set(USERS.DELETION_POSTS_DELETED, USERS.DELETION_POSTS_DELETED.plus(deleted))
                    .where(USERS.ID.eq(id))
                    .execute();
        }
        return deleted;
    }

    /** Users strictly after the cursor's id, for the users listing. */
    private static Condition hasEmail(String address) {
        return lower(USERS.EMAIL).eq(lower(address));
    }
}
