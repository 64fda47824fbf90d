package dev.blogdb.user;

import static dev.blogdb.jooq.Tables.POSTS;
import static dev.blogdb.jooq.Tables.USERS;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.orderBy;
import static org.jooq.impl.DSL.rowNumber;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectCount;

import dev.blogdb.Inputs;
import dev.blogdb.InvalidInputException;
import dev.blogdb.Page;
import dev.blogdb.PageRequest;
import dev.blogdb.db.ErrorTranslation;
import dev.blogdb.db.KeysetCursor;
import dev.blogdb.jooq.tables.records.UsersRecord;
import dev.blogdb.post.Post;
import dev.blogdb.post.PostId;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Table;

/**
 * Users: creating, finding, authenticating, changing and deleting them, and reading them with
 * their posts. Every method validates its arguments before any SQL is sent and reports the
 * database's refusals as blogdb's exceptions. Thread-safe when its {@link DSLContext} is.
 */
public final class UserRepository {

    private static final String USERS_LISTING = "users";

    private final DSLContext dsl;
    private final PasswordHasher hasher;

    /** A repository over {@code dsl}, hashing with {@link PasswordHasher#standard()}. */
    public UserRepository(DSLContext dsl) {
        this(dsl, PasswordHasher.standard());
    }

    /** A repository over {@code dsl}, hashing with {@code hasher}. */
    public UserRepository(DSLContext dsl, PasswordHasher hasher) {
        this.dsl = ErrorTranslation.applyTo(dsl);
        this.hasher = hasher;
    }

    /**
     * Creates a user. The email is stored as given (without surrounding white space); the password
     * is stored only as an Argon2id hash.
     *
     * @throws InvalidInputException   if the email or password breaks a rule in {@link Inputs}
     * @throws DuplicateEmailException if a user has this email, ignoring letter case
     */
    public User create(String email, String password) {
        String address = Inputs.email(email);
        String hash = hasher.hash(Inputs.password(password));
        return dsl.insertInto(USERS, USERS.EMAIL, USERS.PASSWORD_HASH)
                .values(address, hash)
                .returning(UserProjection.columns(USERS))
                .fetchSingle(row -> UserProjection.from(row, USERS));
    }

    /** The user with this id, if there is one. */
    public Optional<User> findById(UserId id) {
        Inputs.required("id", id);
        return dsl.select(UserProjection.columns(USERS)).from(USERS).where(USERS.ID.eq(id))
                .fetchOptional(row -> UserProjection.from(row, USERS));
    }

    /**
     * The user with this email, ignoring letter case and surrounding white space, if there is one.
     *
     * @throws InvalidInputException if {@code email} is not a valid email
     */
    public Optional<User> findByEmail(String email) {
        String address = Inputs.email(email);
        return dsl.select(UserProjection.columns(USERS)).from(USERS).where(hasEmail(address))
                .fetchOptional(row -> UserProjection.from(row, USERS));
    }

    /**
     * The user with this email and password, or empty if there is none. An unknown email and a
     * wrong password both cost one Argon2id verification, so the time taken does not tell them apart.
     *
     * @throws InvalidInputException if {@code email} is not a valid email, or {@code password} is null
     */
    public Optional<User> authenticate(String email, String password) {
        String address = Inputs.email(email);
        Inputs.required("password", password);
        if (password.codePointCount(0, password.length()) > Inputs.MAX_PASSWORD_LENGTH) {
            // No stored password is longer, and how much is hashed must not be the caller's to choose.
            hasher.verifyAgainstDecoy("");
            return Optional.empty();
        }
        Optional<UsersRecord> found = dsl.selectFrom(USERS).where(hasEmail(address)).fetchOptional();
        if (found.isEmpty()) {
            hasher.verifyAgainstDecoy(password);
            return Optional.empty();
        }
        return hasher.matches(password, found.get().getPasswordHash())
                ? Optional.of(UserProjection.from(found.get(), USERS))
                : Optional.empty();
    }

    /**
     * A page of users in the order they were created, without their posts. Its cursors and those of
     * {@link #findWithPosts} are interchangeable: both list users by id.
     *
     * @throws InvalidInputException if the cursor is not one a users listing returned
     */
    public Page<User> findAll(PageRequest page) {
        Inputs.required("page", page);
        List<User> rows = dsl.select(UserProjection.columns(USERS))
                .from(USERS)
                .where(afterCursor(page))
                .orderBy(USERS.ID)
                .limit(page.limit() + 1)
                .fetch(row -> UserProjection.from(row, USERS));
        return Page.fromLookahead(rows, page.limit(), UserRepository::cursorAfter);
    }

    /**
     * A page of users in the order they were created, each with all of their posts (newest first),
     * read in one SQL statement: the page of users, left-joined to their posts. (Measured on 50
     * users with 50 posts each, this join takes a third of the time of nesting the posts as a jOOQ
     * MULTISET, which PostgreSQL sends as JSON that jOOQ must parse.)
     *
     * @throws InvalidInputException if the cursor is not one a users listing returned
     */
    public Page<UserWithPosts> findWithPosts(PageRequest page) {
        Inputs.required("page", page);
        Field<Integer> position = rowNumber().over(orderBy(USERS.ID)).as("position");
        Table<?> pageOfUsers = select(USERS.ID, USERS.EMAIL, USERS.CREATED_AT, position)
                .from(USERS)
                .where(afterCursor(page))
                .orderBy(USERS.ID)
                .limit(page.limit() + 1)
                .asTable("page_of_users");
        Field<UserId> userId = pageOfUsers.field(USERS.ID);
        // The look-ahead user only says that a next page exists: join no posts to it.
        Condition shownOnThisPage = pageOfUsers.field(position).le(page.limit());
        Map<User, List<Post>> postsByUser = new LinkedHashMap<>();
        // Flat columns, not nested row() mappings: those cost twice the time here, and a user without
        // posts has one row whose post columns are all NULL, which no Post can be made from.
        dsl.select(userId, pageOfUsers.field(USERS.EMAIL), pageOfUsers.field(USERS.CREATED_AT),
                        POSTS.ID, POSTS.USER_ID, POSTS.TITLE, POSTS.CONTENT, POSTS.PUBLISHED, POSTS.CREATED_AT)
                .from(pageOfUsers)
                .leftJoin(POSTS).on(POSTS.USER_ID.eq(userId), shownOnThisPage)
                .orderBy(userId, POSTS.CREATED_AT.desc(), POSTS.ID.desc())
                .forEach(row -> {
                    List<Post> posts = postsByUser.computeIfAbsent(new User(row.value1(), row.value2(), row.value3()), user -> new ArrayList<>());
                    if (row.value4() != null) {
                        posts.add(new Post(row.value4(), row.value5(), row.value6(), row.value7(), row.value8(), row.value9()));
                    }
                });
        List<UserWithPosts> users = postsByUser.entrySet().stream()
                .map(entry -> new UserWithPosts(entry.getKey(), entry.getValue()))
                .toList();
        return Page.fromLookahead(users, page.limit(), last -> cursorAfter(last.user()));
    }

    /**
     * Changes a user's email.
     *
     * @return the user as changed, or empty if there is no such user
     * @throws InvalidInputException   if the email breaks a rule in {@link Inputs}
     * @throws DuplicateEmailException if another user has this email, ignoring letter case
     */
    public Optional<User> changeEmail(UserId id, String email) {
        Inputs.required("id", id);
        String address = Inputs.email(email);
        return dsl.update(USERS).set(USERS.EMAIL, address).where(USERS.ID.eq(id))
                .returning(UserProjection.columns(USERS))
                .fetchOptional(row -> UserProjection.from(row, USERS));
    }

    /**
     * Replaces a user's password (stored as a new Argon2id hash with a new salt).
     *
     * @return whether the user exists (and so had the password changed)
     * @throws InvalidInputException if the password breaks a rule in {@link Inputs}
     */
    public boolean changePassword(UserId id, String password) {
        Inputs.required("id", id);
        String hash = hasher.hash(Inputs.password(password));
        return dsl.update(USERS).set(USERS.PASSWORD_HASH, hash).where(USERS.ID.eq(id)).execute() == 1;
    }

    /**
     * Deletes a user; the database's ON DELETE CASCADE deletes their posts.
     *
     * <p>Two statements in one transaction make the count exact even while others write: the first
     * locks the user's row, which holds off any new post for them (a post's foreign-key check needs
     * a share lock on that row); the second locks the user's posts, counts them and deletes the user,
     * so the cascade removes exactly the posts counted.
     *
     * @return the user and how many posts went with them, or empty if there was no such user
     */
    public Optional<UserDeletion> delete(UserId id) {
        Inputs.required("id", id);
        // Inside a caller's transaction the two statements are atomic already: no savepoint needed.
        boolean inTransaction = !dsl.connectionResult(Connection::getAutoCommit);
        return inTransaction ? lockCountAndDelete(dsl, id) : dsl.transactionResult(transaction -> lockCountAndDelete(transaction.dsl(), id));
    }

    private static Optional<UserDeletion> lockCountAndDelete(DSLContext tx, UserId id) {
        if (tx.selectOne().from(USERS).where(USERS.ID.eq(id)).forUpdate().fetchOptional().isEmpty()) {
            return Optional.empty();
        }
        CommonTableExpression<Record1<PostId>> lockedPosts = name("locked_posts")
                .as(select(POSTS.ID).from(POSTS).where(POSTS.USER_ID.eq(id)).forUpdate());
        var deletedUser = name("deleted_user")
                .as(tx.deleteFrom(USERS).where(USERS.ID.eq(id)).returning(USERS.ID, USERS.EMAIL, USERS.CREATED_AT));
        Field<Integer> postsDeleted = field(selectCount().from(lockedPosts));
        return tx.with(lockedPosts).with(deletedUser)
                .select(deletedUser.field(USERS.ID), deletedUser.field(USERS.EMAIL), deletedUser.field(USERS.CREATED_AT), postsDeleted)
                .from(deletedUser)
                .fetchOptional(row -> new UserDeletion(new User(row.value1(), row.value2(), row.value3()), row.value4()));
    }

    /** Users strictly after the cursor's id, for the users listings. */
    private static Condition afterCursor(PageRequest page) {
        return page.after()
                .map(cursor -> USERS.ID.gt(KeysetCursor.<UserId>decode(USERS_LISTING, cursor, 1, key -> new UserId(key[0]))))
                .orElse(noCondition());
    }

    private static String cursorAfter(User last) {
        return KeysetCursor.encode(USERS_LISTING, last.id().value());
    }

    private static Condition hasEmail(String address) {
        return lower(USERS.EMAIL).eq(lower(address));
    }

}
