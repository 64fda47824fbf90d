package dev.blogdb.user;

import static dev.blogdb.jooq.Tables.POSTS;
import static dev.blogdb.jooq.Tables.USERS;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectCount;

import dev.blogdb.Inputs;
import dev.blogdb.InvalidInputException;
import dev.blogdb.Page;
import dev.blogdb.PageRequest;
import dev.blogdb.db.ErrorTranslation;
import dev.blogdb.db.KeysetCursor;
import dev.blogdb.post.Post;
import dev.blogdb.post.PostId;
import dev.blogdb.post.PostProjection;

import java.util.List;
import java.util.Optional;

import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.Records;

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
                .returningResult(UserProjection.of(USERS))
                .fetchSingle(Record1::value1);
    }

    /** The user with this id, if there is one. */
    public Optional<User> findById(UserId id) {
        Inputs.required("id", id);
        return dsl.select(UserProjection.of(USERS)).from(USERS).where(USERS.ID.eq(id)).fetchOptional(Record1::value1);
    }

    /**
     * The user with this email, ignoring letter case and surrounding white space, if there is one.
     *
     * @throws InvalidInputException if {@code email} is not a valid email
     */
    public Optional<User> findByEmail(String email) {
        String address = Inputs.email(email);
        return dsl.select(UserProjection.of(USERS)).from(USERS).where(hasEmail(address)).fetchOptional(Record1::value1);
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
        Optional<Record2<User, String>> found = dsl.select(UserProjection.of(USERS), USERS.PASSWORD_HASH)
                .from(USERS).where(hasEmail(address)).fetchOptional();
        if (found.isEmpty()) {
            hasher.verifyAgainstDecoy(password);
            return Optional.empty();
        }
        return hasher.matches(password, found.get().value2()) ? Optional.of(found.get().value1()) : Optional.empty();
    }

    /**
     * A page of users in the order they were created, without their posts. Its cursors and those of
     * {@link #findWithPosts} are interchangeable: both list users by id.
     *
     * @throws InvalidInputException if the cursor is not one a users listing returned
     */
    public Page<User> findAll(PageRequest page) {
        Inputs.required("page", page);
        List<User> rows = dsl.select(UserProjection.of(USERS))
                .from(USERS)
                .where(afterCursor(page))
                .orderBy(USERS.ID)
                .limit(page.limit() + 1)
                .fetch(Record1::value1);
        return Page.fromLookahead(rows, page.limit(), UserRepository::cursorAfter);
    }

    /**
     * A page of users in the order they were created, each with all of their posts (newest first),
     * read in one SQL statement: the posts come as a MULTISET nested in each user's row.
     *
     * @throws InvalidInputException if the cursor is not one a users listing returned
     */
    public Page<UserWithPosts> findWithPosts(PageRequest page) {
        Inputs.required("page", page);
        List<UserWithPosts> rows = dsl.select(UserProjection.of(USERS), postsOfUser())
                .from(USERS)
                .where(afterCursor(page))
                .orderBy(USERS.ID)
                .limit(page.limit() + 1)
                .fetch(Records.mapping(UserWithPosts::new));
        return Page.fromLookahead(rows, page.limit(), last -> cursorAfter(last.user()));
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
                .returningResult(UserProjection.of(USERS))
                .fetchOptional(Record1::value1);
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
        return dsl.transactionResult(transaction -> {
            DSLContext tx = transaction.dsl();
            if (tx.selectOne().from(USERS).where(USERS.ID.eq(id)).forUpdate().fetchOptional().isEmpty()) {
                return Optional.empty();
            }
            CommonTableExpression<Record1<PostId>> lockedPosts = name("locked_posts")
                    .as(select(POSTS.ID).from(POSTS).where(POSTS.USER_ID.eq(id)).forUpdate());
            var deletedUser = name("deleted_user")
                    .as(tx.deleteFrom(USERS).where(USERS.ID.eq(id)).returning(USERS.ID, USERS.EMAIL, USERS.CREATED_AT));
            Field<Integer> postsDeleted = field(selectCount().from(lockedPosts));
            return tx.with(lockedPosts).with(deletedUser)
                    .select(row(deletedUser.field(USERS.ID), deletedUser.field(USERS.EMAIL), deletedUser.field(USERS.CREATED_AT))
                            .mapping(User::new), postsDeleted)
                    .from(deletedUser)
                    .fetchOptional(Records.mapping(UserDeletion::new));
        });
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

    /** All posts of the user in the enclosing query's row, newest first, as one nested collection. */
    private static Field<List<Post>> postsOfUser() {
        return multiset(select(PostProjection.of(POSTS))
                        .from(POSTS)
                        .where(POSTS.USER_ID.eq(USERS.ID))
                        .orderBy(POSTS.CREATED_AT.desc(), POSTS.ID.desc()))
                .convertFrom(posts -> posts.map(Record1::value1));
    }
}
