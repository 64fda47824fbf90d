package dev.blogdb.schema;

import static dev.blogdb.jooq.Tables.POSTS;
import static dev.blogdb.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.blogdb.Repositories;
import dev.blogdb.core.Constraint;
import dev.blogdb.core.DuplicateEmailException;
import dev.blogdb.core.InvalidInputException;
import dev.blogdb.core.PostId;
import dev.blogdb.core.UnknownAuthorException;
import dev.blogdb.core.UserId;
import dev.blogdb.testing.MigratedDatabase;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.util.PSQLException;

/** The rules the schema itself enforces, proven against the migrated PostgreSQL database. */
@ExtendWith(MigratedDatabase.class)
class SchemaRulesTest {

    private static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";
    private static final UserId UNKNOWN_AUTHOR = new UserId(424242);

    @Test
    void postsUserIdIsTheOnlyForeignKeyAndCascadesDeletesFromUsersId(DSLContext db) {
        List<Record> keys = db.fetch("""
                SELECT rc.constraint_name, rc.delete_rule, child.table_name, child.column_name,
                       parent.table_name AS parent_table, parent.column_name AS parent_column
                FROM information_schema.referential_constraints rc
                JOIN information_schema.key_column_usage child
                  ON child.constraint_name = rc.constraint_name AND child.constraint_schema = rc.constraint_schema
                JOIN information_schema.constraint_column_usage parent
                  ON parent.constraint_name = rc.constraint_name AND parent.constraint_schema = rc.constraint_schema
                WHERE rc.constraint_schema = 'public'
                """);

        assertThat(keys)
                .singleElement()
                .satisfies(key -> assertThat(key.intoMap())
                        .containsExactlyInAnyOrderEntriesOf(Map.of(
                                "constraint_name",
                                "posts_user_id_fkey",
                                "delete_rule",
                                "CASCADE",
                                "table_name",
                                "posts",
                                "column_name",
                                "user_id",
                                "parent_table",
                                "users",
                                "parent_column",
                                "id")));
    }

    @Test
    void deletingAUserDeletesExactlyThatUsersPostsAndNoOneElses(DSLContext db) {
        UserId doomed = insertUser(db, "doomed@example.com");
        UserId survivor = insertUser(db, "survivor@example.com");
        insertPost(db, doomed, "first");
        insertPost(db, doomed, "second");
        insertPost(db, doomed, "third");
        PostId keptOne = insertPost(db, survivor, "kept one");
        PostId keptTwo = insertPost(db, survivor, "kept two");

        int deletedUsers = db.deleteFrom(USERS).where(USERS.ID.eq(doomed)).execute();

        assertThat(deletedUsers).isEqualTo(1);
        assertThat(db.select(POSTS.ID, POSTS.USER_ID)
                        .from(POSTS)
                        .orderBy(POSTS.ID)
                        .fetch(r -> List.of(r.value1(), r.value2())))
                .containsExactly(List.of(keptOne, survivor), List.of(keptTwo, survivor));
        assertThat(db.fetch(USERS).map(user -> user.getId())).containsExactly(survivor);
    }

    @Test
    void aSecondUserWhoseEmailDiffersOnlyInLetterCaseIsRejectedAsDuplicate(DSLContext db) {
        insertUser(db, "Ada@Example.com");

        Violation violation = violation(() -> insertUser(db, "ada@EXAMPLE.COM"));

        assertThat(violation).isEqualTo(new Violation("23505", "users_email_lower_key"));
        assertThat(db.fetchValues(USERS.EMAIL)).containsExactly("Ada@Example.com");
    }

    @Test
    void insertedRowsGetPublishedTrueAndTheTransactionTimeAsDefaults(DSLContext db) {
        db.transaction(tx -> {
            DSLContext inTransaction = tx.dsl();
            UserId author = insertUser(inTransaction, "defaults@example.com");
            PostId post = insertPost(inTransaction, author, "defaults");
            OffsetDateTime transactionStart = inTransaction
                    .select(DSL.currentOffsetDateTime())
                    .fetchSingle()
                    .value1();

            assertThat(inTransaction.fetchSingle(USERS, USERS.ID.eq(author)).getCreatedAt())
                    .isEqualTo(transactionStart);
            var stored = inTransaction.fetchSingle(POSTS, POSTS.ID.eq(post));
            assertThat(stored.getPublished()).isTrue();
            assertThat(stored.getCreatedAt()).isEqualTo(transactionStart);
        });
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Constraint.class)
    void eachNamedConstraintRejectsARowThatBreaksIt(Constraint constraint, DSLContext db) {
        UserId author = insertUser(db, "author@example.com");

        Violation violation = violation(badWrite(constraint, db, author));

        assertThat(violation).isEqualTo(new Violation(constraint.kind().sqlState(), constraint.constraintName()));
        assertThat(db.fetchCount(POSTS)).isZero();
        assertThat(db.fetchCount(USERS)).isOne();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Constraint.class)
    void eachViolationReachesTheCallerAsTheExceptionItsConstraintDeclares(Constraint constraint, DSLContext db) {
        DSLContext translated = Repositories.over(db).dsl();
        UserId author = insertUser(db, "author@example.com");

        Throwable thrown = catchThrowable(badWrite(constraint, translated, author)::run);

        switch (constraint) {
            case USERS_EMAIL_UNIQUE ->
                assertThat(thrown)
                        .isInstanceOfSatisfying(
                                DuplicateEmailException.class,
                                duplicate -> assertThat(duplicate.email()).isEqualTo("author@example.com"));
            case POSTS_AUTHOR_EXISTS ->
                assertThat(thrown)
                        .isInstanceOfSatisfying(
                                UnknownAuthorException.class,
                                unknown -> assertThat(unknown.author()).isEqualTo(UNKNOWN_AUTHOR));
            default ->
                assertThat(thrown).isInstanceOfSatisfying(InvalidInputException.class, invalid -> {
                    assertThat(invalid.field()).isEqualTo(constraint.field());
                    assertThat(invalid.rule()).isEqualTo(constraint.rule());
                });
        }
    }

    @Test
    void theSchemaNamesExactlyTheConstraintsBlogdbDeclares(DSLContext db) {
        // Primary keys are left out: their values come from identity columns, never from a caller,
        // so no typed error is owed for them. NOT NULL is no named constraint before PostgreSQL 18,
        // and blogdb refuses a null before any SQL.
        List<String> live = db.fetch("""
                SELECT conname, contype FROM pg_constraint
                WHERE connamespace = 'public'::regnamespace AND contype IN ('c', 'f', 'u')
                UNION ALL
                SELECT index_class.relname, 'u' FROM pg_index
                JOIN pg_class index_class ON index_class.oid = pg_index.indexrelid
                JOIN pg_class table_class ON table_class.oid = pg_index.indrelid
                WHERE table_class.relnamespace = 'public'::regnamespace AND pg_index.indisunique AND NOT pg_index.indisprimary
                  AND table_class.relname NOT LIKE 'databasechangelog%'
                  AND NOT EXISTS (SELECT FROM pg_constraint WHERE pg_constraint.conindid = pg_index.indexrelid)
                """).map(row -> row.get(0, String.class) + " " + kind(row.get(1, String.class)));

        assertThat(live)
                .containsExactlyInAnyOrderElementsOf(Stream.of(Constraint.values())
                        .map(constraint -> constraint.constraintName() + " " + constraint.kind())
                        .toList());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = Constraint.class,
            names = {"POSTS_TITLE_LENGTH", "POSTS_CONTENT_LENGTH"})
    void aLengthConstraintEnforcesTheLimitItDeclares(Constraint constraint, DSLContext db) {
        int limit = constraint == Constraint.POSTS_TITLE_LENGTH
                ? Constraint.MAX_TITLE_LENGTH
                : Constraint.MAX_CONTENT_LENGTH;

        assertThat(db.fetchValue(
                        "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = {0}",
                        constraint.constraintName()))
                .isEqualTo("CHECK ((char_length(" + constraint.field() + ") <= " + limit + "))");
        assertThat(constraint.rule()).isEqualTo("must be at most " + limit + " characters");
    }

    /** A write that breaks {@code constraint} and no other, as any client of the database could send it. */
    private static Runnable badWrite(Constraint constraint, DSLContext db, UserId author) {
        return switch (constraint) {
            case USERS_EMAIL_UNIQUE -> () -> insertUser(db, "AUTHOR@example.com");
            case USERS_EMAIL_FORMAT -> () -> insertUser(db, "nobody.example.com");
            case USERS_PASSWORD_HASH_FORMAT ->
                () -> db.insertInto(USERS, USERS.EMAIL, USERS.PASSWORD_HASH)
                        .values("clear@example.com", "hunter2")
                        .execute();
            case POSTS_AUTHOR_EXISTS -> () -> insertPost(db, UNKNOWN_AUTHOR, "orphan");
            case POSTS_TITLE_NOT_BLANK -> () -> insertPost(db, author, " \t\n");
            case POSTS_TITLE_LENGTH -> () -> insertPost(db, author, "t".repeat(Constraint.MAX_TITLE_LENGTH + 1));
            case POSTS_CONTENT_NOT_BLANK ->
                () -> db.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE, POSTS.CONTENT)
                        .values(author, "title", "   ")
                        .execute();
            case POSTS_CONTENT_LENGTH ->
                () -> db.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE, POSTS.CONTENT)
                        .values(author, "title", "c".repeat(Constraint.MAX_CONTENT_LENGTH + 1))
                        .execute();
        };
    }

    private static Constraint.Kind kind(String contype) {
        return switch (contype) {
            case "c" -> Constraint.Kind.CHECK;
            case "f" -> Constraint.Kind.FOREIGN_KEY;
            case "u" -> Constraint.Kind.UNIQUE;
            default -> throw new IllegalArgumentException(contype);
        };
    }

    @Test
    void theLongestAllowedTitleAndContentAreAccepted(DSLContext db) {
        UserId author = insertUser(db, "author@example.com");

        db.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE, POSTS.CONTENT)
                .values(author, "t".repeat(200), "c".repeat(100_000))
                .execute();

        assertThat(db.fetchCount(POSTS)).isOne();
    }

    @Test
    void postsUserIdIsIndexedSoCascadesAndAuthorLookupsDoNotScanAllPosts(DSLContext db) {
        assertThat(db.fetch("SELECT indexdef FROM pg_indexes WHERE indexname = 'posts_user_id_idx'")
                        .getValues(0, String.class))
                .containsExactly("CREATE INDEX posts_user_id_idx ON public.posts USING btree (user_id)");
    }

    private static UserId insertUser(DSLContext db, String email) {
        return db.insertInto(USERS, USERS.EMAIL, USERS.PASSWORD_HASH)
                .values(email, HASH)
                .returning(USERS.ID)
                .fetchSingle()
                .getId();
    }

    private static PostId insertPost(DSLContext db, UserId author, String title) {
        return db.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE, POSTS.CONTENT)
                .values(author, title, "content of " + title)
                .returning(POSTS.ID)
                .fetchSingle()
                .getId();
    }

    /** What PostgreSQL said when it refused a write: the SQLSTATE and the constraint's name. */
    private record Violation(String sqlState, String constraint) {}

    private static Violation violation(Runnable write) {
        DataAccessException refused = catchThrowableOfType(DataAccessException.class, write::run);
        assertThat(refused).as("the write should have been refused").isNotNull();
        PSQLException cause = refused.getCause(PSQLException.class);
        return new Violation(refused.sqlState(), cause.getServerErrorMessage().getConstraint());
    }
}
