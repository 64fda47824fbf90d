package dev.blogdb.user;

import static dev.blogdb.jooq.Tables.POSTS;
import static dev.blogdb.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.blogdb.core.DuplicateEmailException;
import dev.blogdb.core.InvalidInputException;
import dev.blogdb.core.Page;
import dev.blogdb.core.PageRequest;
import dev.blogdb.core.PostId;
import dev.blogdb.core.UserId;
import dev.blogdb.post.PostRepository;
import dev.blogdb.testing.MigratedDatabase;
import dev.blogdb.testing.StatementCounter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.Select;
import org.jooq.VisitListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(MigratedDatabase.class)
class UserRepositoryTest {

    private static final String PASSWORD = "correct horse battery";

    private DSLContext db;
    private UserRepository users;
    private PostRepository posts;

    @BeforeEach
    void repositoriesOverACountingContext(DSLContext database) {
        db = StatementCounter.attachTo(database);
        users = new UserRepository(db);
        posts = new PostRepository(db);
    }

    @Test
    void createStoresTheEmailAsGivenWithoutSurroundingSpaceAndReturnsTheStoredUser() {
        User ada = users.create("  Ada.Lovelace@Example.com\t", PASSWORD);

        assertThat(ada.email()).isEqualTo("Ada.Lovelace@Example.com");
        assertThat(db.fetchSingle(USERS).getEmail()).isEqualTo("Ada.Lovelace@Example.com");
        assertThat(users.findById(ada.id())).contains(ada);
    }

    @Test
    void createStoresOnlyASaltedArgon2idHashOfThePassword() {
        users.create("one@example.com", PASSWORD);
        users.create("two@example.com", PASSWORD);

        List<String> hashes = db.fetchValues(USERS.PASSWORD_HASH);
        assertThat(hashes)
                .hasSize(2)
                .allSatisfy(hash -> assertThat(hash)
                        .startsWith("$argon2id$v=19$m=19456,t=2,p=1$")
                        .doesNotContain(PASSWORD));
        assertThat(hashes.get(0)).as("a fresh salt per password").isNotEqualTo(hashes.get(1));
    }

    @Test
    void createRefusesAnEmailThatDiffersOnlyInLetterCase() {
        users.create("Ada@Example.com", PASSWORD);

        assertThatThrownBy(() -> users.create("ada@EXAMPLE.com", PASSWORD))
                .isInstanceOfSatisfying(
                        DuplicateEmailException.class,
                        e -> assertThat(e.email()).isEqualTo("ada@example.com"));
        assertThat(db.fetchValues(USERS.EMAIL)).containsExactly("Ada@Example.com");
    }

    @ParameterizedTest(name = "[{0}] / [{1}] -> {2} {3}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            NULL                       | long enough pw | email    | is required
            '   '                      | long enough pw | email    | must not be blank
            nobody.example.com         | long enough pw | email    | must have the form local-part@domain, with exactly one @
            a@b@example.com            | long enough pw | email    | must have the form local-part@domain, with exactly one @
            @example.com               | long enough pw | email    | must have the form local-part@domain, with exactly one @
            ada@                       | long enough pw | email    | must have the form local-part@domain, with exactly one @
            ada lovelace@example.com   | long enough pw | email    | must not contain white space or control characters
            ada@example..com           | long enough pw | email    | must have a domain without empty labels
            ada@example.com            | NULL           | password | is required
            ada@example.com            | seven77        | password | must be at least 8 characters
            """)
    void createRefusesBadInputBeforeSendingAnySql(String email, String password, String field, String rule) {
        StatementCounter.of(db).reset();

        assertThatThrownBy(() -> users.create(email, password))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.rule()).isEqualTo(rule);
                });
        assertThat(StatementCounter.of(db).statements()).isEmpty();
    }

    @Test
    void createRefusesOverlongEmailsNulCharactersAndOverlongPasswords() {
        String longLocalPart = "a".repeat(65) + "@example.com";
        String longEmail = "a@" + "b".repeat(250) + "." + "c".repeat(70);

        assertThatThrownBy(() -> users.create(longLocalPart, PASSWORD))
                .hasMessage("email must have a local part of at most 64 characters");
        assertThatThrownBy(() -> users.create(longEmail, PASSWORD)).hasMessage("email must be at most 320 characters");
        assertThatThrownBy(() -> users.create("ada\0@example.com", PASSWORD))
                .hasMessage("email must not contain NUL characters");
        assertThatThrownBy(() -> users.create("ada@example.com", "p".repeat(1025)))
                .hasMessage("password must be at most 1024 characters");
        assertThat(db.fetchCount(USERS)).isZero();
    }

    @Test
    void findByIdIsEmptyForAnUnknownUser() {
        assertThat(users.findById(new UserId(987654))).isEmpty();
    }

    @Test
    void findByEmailIgnoresLetterCaseAndSurroundingSpace() {
        User ada = users.create("Ada@Example.com", PASSWORD);

        assertThat(users.findByEmail("ada@example.com")).contains(ada);
        assertThat(users.findByEmail(" ADA@EXAMPLE.COM ")).contains(ada);
        assertThat(users.findByEmail("grace@example.com")).isEmpty();
    }

    @Test
    void authenticateAcceptsOnlyTheRightPasswordForAnyCaseOfTheEmail() {
        User ada = users.create("Ada@Example.com", PASSWORD);

        assertThat(users.authenticate("ada@example.com", PASSWORD)).contains(ada);
        assertThat(users.authenticate("ada@example.com", PASSWORD + "!")).isEmpty();
        assertThat(users.authenticate("grace@example.com", PASSWORD)).isEmpty();
        assertThat(users.authenticate("ada@example.com", "p".repeat(1_000_000))).isEmpty();
    }

    @Test
    void changeEmailReturnsTheChangedUserAndRefusesAnotherUsersEmail() {
        User ada = users.create("ada@example.com", PASSWORD);
        users.create("grace@example.com", PASSWORD);

        assertThat(users.changeEmail(ada.id(), "Ada@Lovelace.org"))
                .contains(new User(ada.id(), "Ada@Lovelace.org", ada.createdAt()));
        assertThat(users.changeEmail(ada.id(), "ADA@lovelace.org"))
                .map(User::email)
                .contains("ADA@lovelace.org");
        assertThatThrownBy(() -> users.changeEmail(ada.id(), "GRACE@example.com"))
                .isInstanceOf(DuplicateEmailException.class);
        assertThat(users.changeEmail(new UserId(987654), "nobody@example.com")).isEmpty();
        assertThat(users.findById(ada.id())).map(User::email).contains("ADA@lovelace.org");
    }

    @Test
    void changePasswordReplacesTheOldPassword() {
        User ada = users.create("ada@example.com", PASSWORD);

        assertThat(users.changePassword(ada.id(), "a brand new secret")).isTrue();

        assertThat(users.authenticate("ada@example.com", PASSWORD)).isEmpty();
        assertThat(users.authenticate("ada@example.com", "a brand new secret")).contains(ada);
        assertThat(users.changePassword(new UserId(987654), "a brand new secret"))
                .isFalse();
    }

    @Test
    void findAllPagesThroughUsersInCreationOrderInOneStatementPerPage() {
        List<User> created = IntStream.range(0, 5)
                .mapToObj(i -> users.create("user" + i + "@example.com", PASSWORD))
                .toList();
        StatementCounter.of(db).reset();

        Page<User> first = users.findAll(PageRequest.first(3));
        Page<User> second = users.findAll(PageRequest.after(first.nextCursor().orElseThrow(), 3));

        assertThat(StatementCounter.of(db).statements()).hasSize(2);
        assertThat(first.items()).containsExactlyElementsOf(created.subList(0, 3));
        assertThat(second.items()).containsExactlyElementsOf(created.subList(3, 5));
        assertThat(second.nextCursor()).isEmpty();
    }

    @Test
    void deleteReportsTheUserAndTheExactNumberOfPostsTheCascadeRemovedInOneRoundTrip() {
        User doomed = users.create("doomed@example.com", PASSWORD);
        User survivor = users.create("survivor@example.com", PASSWORD);
        for (int i = 0; i < 3; i++) {
            posts.create(doomed.id(), "doomed " + i, "content", i % 2 == 0);
        }
        PostId kept = posts.create(survivor.id(), "kept", "content", true).id();
        StatementCounter.of(db).reset();

        assertThat(users.delete(doomed.id())).contains(new UserDeletion(doomed, 3));

        assertThat(StatementCounter.of(db).statements())
                .singleElement(STRING)
                .as("the delete and the read of PostgreSQL's count of deleted posts, sent together")
                .containsOnlyOnce("delete from")
                .containsOnlyOnce(";\nselect pg_stat_get_xact_tuples_deleted(");
        assertThat(db.fetchValues(POSTS.ID)).containsExactly(kept);
        assertThat(db.fetchValues(USERS.ID)).containsExactly(survivor.id());
    }

    @Test
    void aRepositoryWithinATransactionSendsTheSqlItsParentRenderedWithoutBuildingItAgain() {
        User ada = users.create("ada@example.com", PASSWORD);
        users.findById(ada.id());
        List<String> sent = new ArrayList<>();
        DSLContext watched =
                db.configuration().deriveAppending(builtOrKept(sent)).dsl();

        Optional<User> found = watched.transactionResult(
                transaction -> users.within(transaction.dsl()).findById(ada.id()));

        assertThat(found).contains(ada);
        assertThat(sent).containsExactly("kept SQL");
    }

    @Test
    void aRepositoryWithinAContextWithAVisitListenerBuildsItsQueriesAnew() {
        User ada = users.create("ada@example.com", PASSWORD);
        users.findById(ada.id());
        List<String> sent = new ArrayList<>();
        DSLContext rewriting = db.configuration()
                .deriveAppending(VisitListener.onVisitStart(context -> {}))
                .deriveAppending(builtOrKept(sent))
                .dsl();

        Optional<User> found = users.within(rewriting).findById(ada.id());

        assertThat(found).contains(ada);
        assertThat(sent).containsExactly("built by jOOQ");
    }

    /** Tells a query jOOQ built (a Select) from kept SQL sent again (plain SQL), as each executes. */
    private static ExecuteListener builtOrKept(List<String> sent) {
        return ExecuteListener.onExecuteStart(
                context -> sent.add(context.query() instanceof Select ? "built by jOOQ" : "kept SQL"));
    }

    @Test
    void aDeleteInATransactionSendsTheSqlRenderedBeforeWithItsOwnUserAndCount() {
        User first = users.create("first@example.com", PASSWORD);
        User second = users.create("second@example.com", PASSWORD);
        posts.create(first.id(), "first's", "content", true);
        posts.create(second.id(), "second's 1", "content", true);
        posts.create(second.id(), "second's 2", "content", false);
        users.delete(first.id());
        String firstSql = StatementCounter.of(db)
                .statements()
                .get(StatementCounter.of(db).statements().size() - 1);
        StatementCounter.of(db).reset();

        Optional<UserDeletion> deleted = db.transactionResult(
                transaction -> users.within(transaction.dsl()).delete(second.id()));

        assertThat(deleted).contains(new UserDeletion(second, 2));
        assertThat(StatementCounter.of(db).statements()).containsExactly(firstSql);
        assertThat(db.fetchCount(POSTS)).isZero();
    }

    @Test
    void deletingAnUnknownUserIsAnEmptyOutcomeAfterOneStatement() {
        StatementCounter.of(db).reset();

        assertThat(users.delete(new UserId(987654))).isEmpty();
        assertThat(StatementCounter.of(db).statements()).hasSize(1);
    }

    @Test
    void deleteCountsByLockingThePostsWherePostgresKeepsNoCounts() {
        User doomed = users.create("doomed@example.com", PASSWORD);
        posts.create(doomed.id(), "one", "content", true);
        posts.create(doomed.id(), "two", "content", false);

        Optional<UserDeletion> deleted = db.transactionResult(transaction -> {
            transaction.dsl().execute("SET LOCAL track_counts = off");
            return new UserRepository(transaction.dsl()).delete(doomed.id());
        });

        assertThat(deleted).contains(new UserDeletion(doomed, 2));
        assertThat(db.fetchCount(POSTS)).isZero();
    }

    @Test
    void deletingAUserWithoutPostsReportsZeroPosts() {
        User lonely = users.create("lonely@example.com", PASSWORD);

        assertThat(users.delete(lonely.id())).contains(new UserDeletion(lonely, 0));
        assertThat(users.findById(lonely.id())).isEmpty();
    }
}
