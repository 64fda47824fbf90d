package dev.blogdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blogdb.BlogDb;
import dev.blogdb.post.Post;
import dev.blogdb.server.ThrowawayDatabase;
import dev.blogdb.testing.MigratedDatabase;
import dev.blogdb.user.User;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MigratedDatabase.class)
class ReadCommandsTest {

    private static final String PASSWORD = "correct horse battery";

    private final Cli cli = Cli.plain();
    private ThrowawayDatabase database;
    private User ada;
    private User grace;
    private Post adaFirst;
    private Post adaDraft;
    private Post graceFirst;

    @BeforeEach
    void twoUsersWithPosts(BlogDb blog, ThrowawayDatabase database) {
        this.database = database;
        ada = blog.users().create("Ada@Example.com", PASSWORD);
        grace = blog.users().create("grace@example.com", PASSWORD);
        adaFirst = blog.posts().create(ada.id(), "Hello", "First post", true);
        adaDraft = blog.posts().create(ada.id(), "Unfinished", "Not yet", false);
        graceFirst = blog.posts().create(grace.id(), "Compilers", "On compilers", true);
    }

    @Test
    void usersPrintsATableOfUsersInCreationOrder() {
        Cli.Outcome outcome = cli.run(database, "users");

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.err()).isEmpty();
        assertThat(outcome.out().lines())
                .containsExactly(
                        "ID  EMAIL              CREATED",
                        String.format(
                                "%-2d  %-17s  %s", ada.id().value(), "Ada@Example.com", Table.time(ada.createdAt())),
                        String.format(
                                "%-2d  %-17s  %s",
                                grace.id().value(), "grace@example.com", Table.time(grace.createdAt())));
    }

    @Test
    void usersJsonPagesByTheCursorItPrints() {
        JsonNode first = cli.run(database, "users", "--limit", "1", "--json").json();

        assertThat(first.get("items")).hasSize(1);
        assertThat(first.get("items").get(0).get("id").asLong())
                .isEqualTo(ada.id().value());
        assertThat(first.get("items").get(0).get("email").asText()).isEqualTo("Ada@Example.com");
        assertThat(first.get("items").get(0).get("createdAt").asText())
                .isEqualTo(ada.createdAt().toInstant().toString());
        String cursor = first.get("nextCursor").asText();

        JsonNode second = cli.run(database, "users", "--limit", "1", "--after", cursor, "--json")
                .json();

        assertThat(second.get("items").findValuesAsText("email")).containsExactly("grace@example.com");
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void usersPrintsTheCommandForTheNextPage() {
        Cli.Outcome outcome = cli.run(database, "users", "--limit", "1");
        String cursor = cli.run(database, "users", "--limit", "1", "--json")
                .json()
                .get("nextCursor")
                .asText();

        assertThat(outcome.out().lines().toList())
                .last()
                .isEqualTo("Next page: blogdb users --limit 1 --after " + cursor);
    }

    @Test
    void usersWithPostsNestsEachUsersPostsNewestFirstDraftsIncluded() {
        JsonNode items =
                cli.run(database, "users", "--with-posts", "--json").json().get("items");

        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("posts").findValuesAsText("title")).containsExactly("Unfinished", "Hello");
        assertThat(items.get(0).get("posts").findValuesAsText("published")).containsExactly("false", "true");
        assertThat(items.get(1).get("posts").findValuesAsText("title")).containsExactly("Compilers");
    }

    @Test
    void usersWithPostsShowsEachUserAboveATableOfTheirPosts() {
        List<String> lines =
                cli.run(database, "users", "--with-posts").out().lines().toList();

        assertThat(lines)
                .containsExactly(
                        "User " + ada.id().value() + ": Ada@Example.com, created " + Table.time(ada.createdAt())
                                + ", 2 posts",
                        "  ID  CREATED               STATE      TITLE",
                        postRow("  ", adaDraft, "draft    "),
                        postRow("  ", adaFirst, "published"),
                        "User " + grace.id().value() + ": grace@example.com, created " + Table.time(grace.createdAt())
                                + ", 1 post",
                        "  ID  CREATED               STATE      TITLE",
                        postRow("  ", graceFirst, "published"));
    }

    @Test
    void userFindsTheSameUserByEmailInAnyCaseAndById() {
        JsonNode byEmail =
                cli.run(database, "user", "ADA@example.COM", "--json").json();
        JsonNode byId = cli.run(database, "user", String.valueOf(ada.id().value()), "--json")
                .json();

        assertThat(byEmail).isEqualTo(byId);
        assertThat(byEmail.get("user").get("email").asText()).isEqualTo("Ada@Example.com");
        assertThat(byEmail.get("posts").get("items").findValuesAsText("id"))
                .containsExactly(
                        String.valueOf(adaDraft.id().value()),
                        String.valueOf(adaFirst.id().value()));
        JsonNode draft = byEmail.get("posts").get("items").get(0);
        assertThat(draft.get("authorId").asLong()).isEqualTo(ada.id().value());
        assertThat(draft.get("title").asText()).isEqualTo("Unfinished");
        assertThat(draft.get("content").asText()).isEqualTo("Not yet");
        assertThat(draft.get("published").asBoolean()).isFalse();
        assertThat(draft.get("createdAt").asText())
                .isEqualTo(adaDraft.createdAt().toInstant().toString());
    }

    @Test
    void userPrintsTheUserAboveTheirPosts() {
        List<String> lines =
                cli.run(database, "user", "grace@example.com").out().lines().toList();

        assertThat(lines)
                .containsExactly(
                        "User " + grace.id().value() + ": grace@example.com, created " + Table.time(grace.createdAt()),
                        "ID  CREATED               STATE      TITLE",
                        postRow("", graceFirst, "published"));
    }

    @Test
    void feedShowsOnlyPublishedPostsNewestFirstWithTheirAuthors() {
        JsonNode items = cli.run(database, "feed", "--json").json().get("items");

        assertThat(items.findValuesAsText("title")).containsExactly("Compilers", "Hello");
        assertThat(items.get(0).get("author").get("email").asText()).isEqualTo("grace@example.com");
        assertThat(items.get(0).get("author").get("id").asLong())
                .isEqualTo(grace.id().value());
        assertThat(items.get(1).get("author").get("email").asText()).isEqualTo("Ada@Example.com");
    }

    @Test
    void feedPagesByTheCursorItPrints() {
        Cli.Outcome first = cli.run(database, "feed", "--limit", "1");
        String cursor = first.out()
                .lines()
                .reduce((a, b) -> b)
                .orElseThrow()
                .replace("Next page: blogdb feed --limit 1 --after ", "");

        Cli.Outcome second = cli.run(database, "feed", "--limit", "1", "--after", cursor, "--json");

        assertThat(first.out()).contains("  grace@example.com  Compilers\n");
        assertThat(second.json().get("items").findValuesAsText("title")).containsExactly("Hello");
        assertThat(second.json().get("nextCursor").isNull()).isTrue();
    }

    @Test
    void anUnknownUserIsRefusedInOneLine() {
        Cli.Outcome byEmail = cli.run(database, "user", "nobody@example.com");
        Cli.Outcome byId = cli.run(database, "user", "987654");

        assertThat(byEmail.exitCode()).isEqualTo(1);
        assertThat(byEmail.out()).isEmpty();
        assertThat(byEmail.err()).isEqualTo("blogdb: no user with email nobody@example.com\n");
        assertThat(byId.exitCode()).isEqualTo(1);
        assertThat(byId.err()).isEqualTo("blogdb: no user with id 987654\n");
    }

    @Test
    void aCursorThatTheListingDidNotIssueIsRefusedInOneLine() {
        String usersCursor = cli.run(database, "users", "--limit", "1", "--json")
                .json()
                .get("nextCursor")
                .asText();

        Cli.Outcome madeUp = cli.run(database, "feed", "--after", "not-a-cursor");
        Cli.Outcome fromAnotherListing = cli.run(database, "feed", "--after", usersCursor);

        assertThat(madeUp.exitCode()).isEqualTo(1);
        assertThat(madeUp.err())
                .isEqualTo("blogdb: cursor must be a cursor that blogdb returned for the feed listing\n");
        assertThat(fromAnotherListing.exitCode()).isEqualTo(1);
        assertThat(fromAnotherListing.err()).isEqualTo(madeUp.err());
    }

    /** A row of a posts table whose ids have at most two digits, as in a fresh database. */
    private static String postRow(String indent, Post post, String state) {
        return String.format(
                "%s%-2d  %s  %s  %s", indent, post.id().value(), Table.time(post.createdAt()), state, post.title());
    }
}
