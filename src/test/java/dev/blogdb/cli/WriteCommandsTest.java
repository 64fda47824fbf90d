package dev.blogdb.cli;

import static dev.blogdb.jooq.Tables.POSTS;
import static dev.blogdb.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blogdb.BlogDb;
import dev.blogdb.core.PostId;
import dev.blogdb.post.Post;
import dev.blogdb.server.ThrowawayDatabase;
import dev.blogdb.testing.MigratedDatabase;
import dev.blogdb.user.User;

import com.fasterxml.jackson.databind.JsonNode;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MigratedDatabase.class)
class WriteCommandsTest {

    private static final String PASSWORD = "correct horse battery";

    private final Cli cli = Cli.plain();
    private ThrowawayDatabase database;
    private BlogDb blog;
    private DSLContext db;

    @BeforeEach
    void database(ThrowawayDatabase database, BlogDb blog, DSLContext db) {
        this.database = database;
        this.blog = blog;
        this.db = db;
    }

    @Test
    void addUserReadsThePasswordFromStandardInputWhenNoTerminalIsAttached() {
        Cli.Outcome outcome = cli.withInput(PASSWORD + "\n").run(database, "add-user", "ada@example.com", "--json");

        assertThat(outcome.exitCode()).isZero();
        User ada = blog.users().findByEmail("ada@example.com").orElseThrow();
        assertThat(outcome.json().get("id").asLong()).isEqualTo(ada.id().value());
        assertThat(outcome.json().get("email").asText()).isEqualTo("ada@example.com");
        assertThat(blog.users().authenticate("ada@example.com", PASSWORD)).contains(ada);
    }

    @Test
    void addUserAsksForThePasswordTwiceOnATerminal() {
        FakeTerminal terminal = new FakeTerminal(PASSWORD, PASSWORD);

        Cli.Outcome outcome = cli.withTerminal(terminal).run(database, "add-user", "ada@example.com");

        assertThat(outcome.exitCode()).isZero();
        User ada = blog.users().findByEmail("ada@example.com").orElseThrow();
        assertThat(outcome.out()).isEqualTo("Created user " + ada.id().value() + ": ada@example.com\n");
        assertThat(terminal.prompts()).containsExactly("Password for ada@example.com: ", "The same again: ");
        assertThat(blog.users().authenticate("ada@example.com", PASSWORD)).contains(ada);
    }

    @Test
    void addUserRefusesTwoPasswordsThatDiffer() {
        Cli.Outcome outcome = cli.withTerminal(new FakeTerminal(PASSWORD, "something else"))
                .run(database, "add-user", "ada@example.com");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).isEqualTo("blogdb: the two passwords differ: no user created\n");
        assertThat(db.fetchCount(USERS)).isZero();
    }

    @Test
    void addUserRefusesAnEmailTakenInAnotherLetterCase() {
        blog.users().create("Ada@Example.com", PASSWORD);

        Cli.Outcome outcome = cli.withInput(PASSWORD).run(database, "add-user", "ada@example.COM");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err())
                .isEqualTo(
                        "blogdb: a user with email ada@example.com already exists (emails are compared ignoring letter case)\n");
        assertThat(db.fetchCount(USERS)).isEqualTo(1);
    }

    @Test
    void addUserRefusesAMalformedEmailAndAShortPassword() {
        Cli.Outcome badEmail = cli.withInput(PASSWORD).run(database, "add-user", "ada.example.com");
        Cli.Outcome shortPassword = cli.withInput("short").run(database, "add-user", "ada@example.com");

        assertThat(badEmail.exitCode()).isEqualTo(1);
        assertThat(badEmail.err())
                .isEqualTo("blogdb: email must have the form local-part@domain, with exactly one @\n");
        assertThat(shortPassword.exitCode()).isEqualTo(1);
        assertThat(shortPassword.err()).isEqualTo("blogdb: password must be at least 8 characters\n");
    }

    @Test
    void addUserRefusesToReadThePasswordFromATerminalThatWouldShowIt() {
        Cli.Outcome outcome =
                cli.withTypedInputAndNoConsole(PASSWORD + "\n").run(database, "add-user", "ada@example.com", "--json");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err())
                .isEqualTo("blogdb: standard input is a terminal but standard output is not, so there is no console"
                        + " to ask for the password without showing it: pipe it in (echo PASSWORD | blogdb add-user EMAIL ...),"
                        + " or leave standard output on the terminal\n");
        assertThat(db.fetchCount(USERS)).isZero();
    }

    @Test
    void addUserWithNothingOnStandardInputSaysWhereThePasswordComesFrom() {
        Cli.Outcome outcome = cli.run(database, "add-user", "ada@example.com");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err())
                .isEqualTo(
                        "blogdb: no password: with no terminal attached, add-user reads it as the first line of standard input\n");
    }

    @Test
    void postAddWritesAPublishedPostOrADraftForAnAuthorNamedByEmailOrId() {
        User ada = blog.users().create("ada@example.com", PASSWORD);

        JsonNode published = cli.run(
                        database,
                        "post",
                        "add",
                        "--author",
                        "ADA@example.com",
                        "--title",
                        "Hello",
                        "--content",
                        "First post",
                        "--json")
                .json();
        Cli.Outcome draft = cli.run(
                database,
                "post",
                "add",
                "--author",
                String.valueOf(ada.id().value()),
                "--title",
                "Later",
                "--content",
                "Not yet",
                "--draft");

        Post stored =
                blog.posts().findById(new PostId(published.get("id").asLong())).orElseThrow();
        assertThat(published.get("authorId").asLong()).isEqualTo(ada.id().value());
        assertThat(published.get("title").asText()).isEqualTo("Hello");
        assertThat(published.get("content").asText()).isEqualTo("First post");
        assertThat(published.get("published").asBoolean()).isTrue();
        assertThat(published.get("createdAt").asText())
                .isEqualTo(stored.createdAt().toInstant().toString());
        assertThat(draft.exitCode()).isZero();
        assertThat(draft.out())
                .isEqualTo("Added post " + (stored.id().value() + 1) + " by ada@example.com (user "
                        + ada.id().value() + "), a draft.\n");
        assertThat(db.select(POSTS.TITLE, POSTS.PUBLISHED)
                        .from(POSTS)
                        .orderBy(POSTS.ID)
                        .fetch()
                        .map(r -> r.value1() + "=" + r.value2()))
                .containsExactly("Hello=true", "Later=false");
    }

    @Test
    void postAddRefusesAnUnknownAuthorAndABlankTitle() {
        blog.users().create("ada@example.com", PASSWORD);

        Cli.Outcome unknown =
                cli.run(database, "post", "add", "--author", "987654", "--title", "Hello", "--content", "text");
        Cli.Outcome blank =
                cli.run(database, "post", "add", "--author", "ada@example.com", "--title", "  ", "--content", "text");

        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("blogdb: no user with id 987654\n");
        assertThat(blank.exitCode()).isEqualTo(1);
        assertThat(blank.err()).isEqualTo("blogdb: title must not be blank\n");
        assertThat(db.fetchCount(POSTS)).isZero();
    }

    @Test
    void postWithoutAnAddOrDeleteIsAUsageError() {
        Cli.Outcome outcome = cli.run("post");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).startsWith("blogdb: Missing command: post add or post delete\n");
    }

    @Test
    void postDeleteDeletesThePostAndRefusesOneThatIsGone() {
        User ada = blog.users().create("ada@example.com", PASSWORD);
        Post post = blog.posts().create(ada.id(), "Hello", "First post", true);

        Cli.Outcome deleted =
                cli.run(database, "post", "delete", String.valueOf(post.id().value()));
        Cli.Outcome again =
                cli.run(database, "post", "delete", String.valueOf(post.id().value()), "--json");

        assertThat(deleted.exitCode()).isZero();
        assertThat(deleted.out()).isEqualTo("Deleted post " + post.id().value() + ".\n");
        assertThat(blog.posts().findById(post.id())).isEmpty();
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.out()).isEmpty();
        assertThat(again.err()).isEqualTo("blogdb: no post with id " + post.id().value() + "\n");
    }

    @Test
    void deleteUserWithYesReportsHowManyPostsTheCascadeRemoved() {
        User ada = twoPostsBy("ada@example.com");
        User grace = twoPostsBy("grace@example.com");

        JsonNode json = cli.run(database, "delete-user", "ada@example.com", "--yes", "--json")
                .json();

        assertThat(json.get("postsDeleted").asInt()).isEqualTo(2);
        assertThat(json.get("user").get("id").asLong()).isEqualTo(ada.id().value());
        assertThat(json.get("user").get("email").asText()).isEqualTo("ada@example.com");
        assertThat(db.fetchValues(USERS.ID)).containsExactly(grace.id());
        assertThat(db.fetchValues(POSTS.USER_ID)).containsOnly(grace.id()).hasSize(2);
    }

    @Test
    void deleteUserAsksOnATerminalAndDeletesOnYes() {
        User ada = twoPostsBy("ada@example.com");
        FakeTerminal terminal = new FakeTerminal("y");

        Cli.Outcome outcome = cli.withTerminal(terminal)
                .run(database, "delete-user", String.valueOf(ada.id().value()));

        assertThat(terminal.prompts())
                .containsExactly("Delete user " + ada.id().value() + " (ada@example.com) and their 2 posts? [y/N] ");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out())
                .isEqualTo("Deleted user " + ada.id().value() + " (ada@example.com); the cascade removed 2 posts.\n");
        assertThat(db.fetchCount(USERS)).isZero();
        assertThat(db.fetchCount(POSTS)).isZero();
    }

    @Test
    void deleteUserKeepsTheUserUnlessTheAnswerIsYes() {
        twoPostsBy("ada@example.com");

        Cli.Outcome outcome = cli.withTerminal(new FakeTerminal("n")).run(database, "delete-user", "ada@example.com");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).isEqualTo("blogdb: not deleted: the answer was not yes\n");
        assertThat(db.fetchCount(USERS)).isEqualTo(1);
        assertThat(db.fetchCount(POSTS)).isEqualTo(2);
    }

    @Test
    void deleteUserWithoutATerminalOrYesRefusesAndSaysToPassYes() {
        twoPostsBy("ada@example.com");

        Cli.Outcome outcome = cli.run(database, "delete-user", "ada@example.com");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err())
                .isEqualTo("blogdb: delete-user deletes the user and all their posts, and there is no terminal"
                        + " to confirm on: pass --yes to delete without asking\n");
        assertThat(db.fetchCount(USERS)).isEqualTo(1);
    }

    @Test
    void deleteUserRefusesAnUnknownUser() {
        Cli.Outcome outcome = cli.run(database, "delete-user", "nobody@example.com", "--yes");

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.err()).isEqualTo("blogdb: no user with email nobody@example.com\n");
    }

    @Test
    void deleteUserDryRunReportsTheUserAndTheirPostsAndChangesNothingWithoutYes() {
        User ada = twoPostsBy("ada@example.com");

        Cli.Outcome outcome = cli.run(database, "delete-user", "ada@example.com", "--dry-run");
        Cli.Outcome json = cli.run(database, "delete-user", "ada@example.com", "--dry-run", "--json");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out())
                .isEqualTo("Would delete user " + ada.id().value()
                        + " (ada@example.com) and, by the cascade, 2 posts. Nothing was changed (--dry-run).\n");
        assertThat(json.json().get("user").get("id").asLong())
                .isEqualTo(ada.id().value());
        assertThat(json.json().get("postsWouldBeDeleted").asInt()).isEqualTo(2);
        assertThat(db.fetchCount(USERS)).isEqualTo(1);
        assertThat(db.fetchCount(POSTS)).isEqualTo(2);
        assertThat(db.fetchCount(USERS, USERS.DELETION_STARTED_AT.isNotNull())).isZero();
    }

    @Test
    void deleteUserInBatchesDeletesEveryPostAndTheUserAndCountsExactly() {
        User ada = twoPostsBy("ada@example.com");
        blog.posts().create(ada.id(), "three", "content", true);
        User grace = twoPostsBy("grace@example.com");

        Cli.Outcome outcome = cli.run(database, "delete-user", "ada@example.com", "--batch-size", "2", "--yes");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.err()).isEmpty();
        assertThat(outcome.out())
                .isEqualTo("Deleted user " + ada.id().value() + " (ada@example.com) and 3 posts, in batches of 2.\n");
        assertThat(db.fetchValues(USERS.ID)).containsExactly(grace.id());
        assertThat(db.fetchCount(POSTS)).isEqualTo(2);
    }

    @Test
    void deleteUserInBatchesOnATerminalAsksThenDrawsItsProgressOnStandardError() {
        User ada = twoPostsBy("ada@example.com");
        FakeTerminal terminal = new FakeTerminal("yes");

        Cli.Outcome outcome = cli.withTerminal(terminal)
                .run(database, "delete-user", "ada@example.com", "--batch-size", "1", "--json");

        assertThat(terminal.prompts())
                .containsExactly("Delete user " + ada.id().value()
                        + " (ada@example.com) and their 2 posts, 1 posts at a time? [y/N] ");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.json().get("postsDeleted").asInt()).isEqualTo(2);
        assertThat(outcome.err()).contains("2/2 posts").endsWith("\n");
    }

    @Test
    void deleteUserRefusesABatchSizeBelowOneAsAUsageError() {
        twoPostsBy("ada@example.com");

        Cli.Outcome outcome = cli.run(database, "delete-user", "ada@example.com", "--batch-size", "0", "--yes");

        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.err()).startsWith("blogdb: ").contains("--batch-size");
        assertThat(db.fetchCount(POSTS)).isEqualTo(2);
    }

    private User twoPostsBy(String email) {
        User user = blog.users().create(email, PASSWORD);
        blog.posts().create(user.id(), "one", "content", true);
        blog.posts().create(user.id(), "two", "content", false);
        return user;
    }
}
