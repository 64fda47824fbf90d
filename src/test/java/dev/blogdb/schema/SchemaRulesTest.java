package dev.blogdb.schema;

import static dev.blogdb.jooq.Tables.POSTS;
import static dev.blogdb.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.blogdb.core.PostId;
import dev.blogdb.core.UserId;
import dev.blogdb.testing.MigratedDatabase;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.util.PSQLException;

/** The rules the schema itself enforces, proven against the migrated PostgreSQL database. */
@ExtendWith(MigratedDatabase.class)
class SchemaRulesTest {

    private static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";

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

        assertThat(keys).singleElement().satisfies(key -> assertThat(key.intoMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "constraint_name", "posts_user_id_fkey", "delete_rule", "CASCADE",
                "table_name", "posts", "column_name", "user_id",
                "parent_table", "users", "parent_column", "id")));
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
        assertThat(db.select(POSTS.ID, POSTS.USER_ID).from(POSTS).orderBy(POSTS.ID).fetch(r -> List.of(r.value1(), r.value2())))
                .containsExactly(List.of(keptOne, survivor), List.of(keptTwo, survivor));
        assertThat(db.fetch(USERS).map(user -> user.getId())).containsExactly(survivor);
    }

    @Test
    void aPostForAMissingUserIsRejectedAsAForeignKeyViolation(DSLContext db) {
        Violation violation = violation(() -> insertPost(db, new UserId(424242), "orphan"));

        assertThat(violation).isEqualTo(new Violation("23503", "posts_user_id_fkey"));
        assertThat(db.fetchCount(POSTS)).isZero();
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
            OffsetDateTime transactionStart = inTransaction.select(DSL.currentOffsetDateTime()).fetchSingle().value1();

            assertThat(inTransaction.fetchSingle(USERS, USERS.ID.eq(author)).getCreatedAt()).isEqualTo(transactionStart);
            var stored = inTransaction.fetchSingle(POSTS, POSTS.ID.eq(post));
            assertThat(stored.getPublished()).isTrue();
            assertThat(stored.getCreatedAt()).isEqualTo(transactionStart);
        });
    }

    @ParameterizedTest(name = "{0} is rejected by {1}")
    @CsvSource(delimiter = '|', textBlock = """
            a user whose email has no @                 | users_email_format
            a user whose email has a blank              | users_email_format
            a user whose password is stored in clear    | users_password_hash_format
            a post whose title is blank                 | posts_title_not_blank
            a post whose title has 201 characters       | posts_title_length
            a post whose content is blank               | posts_content_not_blank
            a post whose content has 100001 characters  | posts_content_length
            """)
    void checkConstraintsRejectBadRows(String badRow, String constraint, DSLContext db) {
        UserId author = insertUser(db, "author@example.com");
        Runnable insert = switch (badRow) {
            case "a user whose email has no @" -> () -> insertUser(db, "nobody.example.com");
            case "a user whose email has a blank" -> () -> insertUser(db, "no body@example.com");
            case "a user whose password is stored in clear" -> () -> db.insertInto(USERS, USERS.EMAIL, USERS.PASSWORD_HASH)
                    .values("clear@example.com", "hunter2").execute();
            case "a post whose title is blank" -> () -> insertPost(db, author, " \t\n");
            case "a post whose title has 201 characters" -> () -> insertPost(db, author, "t".repeat(201));
            case "a post whose content is blank" -> () -> db.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE, POSTS.CONTENT)
                    .values(author, "title", "   ").execute();
            case "a post whose content has 100001 characters" -> () -> db.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE, POSTS.CONTENT)
                    .values(author, "title", "c".repeat(100_001)).execute();
            default -> throw new IllegalArgumentException(badRow);
        };

        assertThat(violation(insert)).isEqualTo(new Violation("23514", constraint));
        assertThat(db.fetchCount(POSTS)).isZero();
        assertThat(db.fetchCount(USERS)).isOne();
    }

    @Test
    void theLongestAllowedTitleAndContentAreAccepted(DSLContext db) {
        UserId author = insertUser(db, "author@example.com");

        db.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE, POSTS.CONTENT)
                .values(author, "t".repeat(200), "c".repeat(100_000)).execute();

        assertThat(db.fetchCount(POSTS)).isOne();
    }

    @Test
    void postsUserIdIsIndexedSoCascadesAndAuthorLookupsDoNotScanAllPosts(DSLContext db) {
        assertThat(db.fetch("SELECT indexdef FROM pg_indexes WHERE indexname = 'posts_user_id_idx'").getValues(0, String.class))
                .containsExactly("CREATE INDEX posts_user_id_idx ON public.posts USING btree (user_id)");
    }

    private static UserId insertUser(DSLContext db, String email) {
        return db.insertInto(USERS, USERS.EMAIL, USERS.PASSWORD_HASH).values(email, HASH).returning(USERS.ID).fetchSingle().getId();
    }

    private static PostId insertPost(DSLContext db, UserId author, String title) {
        return db.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE, POSTS.CONTENT)
                .values(author, title, "content of " + title).returning(POSTS.ID).fetchSingle().getId();
    }

    /** What PostgreSQL said when it refused a write: the SQLSTATE and the constraint's name. */
    private record Violation(String sqlState, String constraint) {
    }

    private static Violation violation(Runnable write) {
        DataAccessException refused = catchThrowableOfType(DataAccessException.class, write::run);
        assertThat(refused).as("the write should have been refused").isNotNull();
        PSQLException cause = refused.getCause(PSQLException.class);
        return new Violation(refused.sqlState(), cause.getServerErrorMessage().getConstraint());
    }
}
