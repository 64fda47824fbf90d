package dev.blogdb.post;

import static dev.blogdb.jooq.Tables.POSTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.generateSeries;
import static org.jooq.impl.DSL.val;

import dev.blogdb.core.InvalidInputException;
import dev.blogdb.core.Page;
import dev.blogdb.core.PageRequest;
import dev.blogdb.core.UserId;
import dev.blogdb.testing.MigratedDatabase;
import dev.blogdb.testing.StatementCounter;
import dev.blogdb.user.User;
import dev.blogdb.user.UserRepository;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Users with all their posts: the relation read from the post side, one statement a page. */
@ExtendWith(MigratedDatabase.class)
class UsersWithPostsTest {

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
    void eachUserComesWithAllTheirPostsNewestFirst() {
        User ada = users.create("ada@example.com", PASSWORD);
        User grace = users.create("grace@example.com", PASSWORD);
        User linus = users.create("linus@example.com", PASSWORD);
        Post adaFirst = posts.create(ada.id(), "first", "by ada", true);
        Post graceOnly = posts.create(grace.id(), "only", "by grace", false);
        Post adaSecond = posts.create(ada.id(), "second", "by ada", false);

        Page<UserWithPosts> page = posts.findUsersWithPosts(PageRequest.first(10));

        assertThat(page.items())
                .containsExactly(
                        new UserWithPosts(ada, List.of(adaSecond, adaFirst)),
                        new UserWithPosts(grace, List.of(graceOnly)),
                        new UserWithPosts(linus, List.of()));
        assertThat(page.nextCursor()).isEmpty();
    }

    @Test
    void theUserAfterAPageComesWithAllTheirPostsOnTheNextPage() {
        User ada = users.create("ada@example.com", PASSWORD);
        User grace = users.create("grace@example.com", PASSWORD);
        Post adaPost = posts.create(ada.id(), "ada", "content", true);
        Post gracePost = posts.create(grace.id(), "grace", "content", true);

        Page<UserWithPosts> first = posts.findUsersWithPosts(PageRequest.first(1));
        Page<UserWithPosts> second =
                posts.findUsersWithPosts(PageRequest.after(first.nextCursor().orElseThrow(), 1));

        assertThat(first.items()).containsExactly(new UserWithPosts(ada, List.of(adaPost)));
        assertThat(second.items()).containsExactly(new UserWithPosts(grace, List.of(gracePost)));
        assertThat(second.nextCursor()).isEmpty();
    }

    @Test
    void pagesGoThroughAllUsersByCursor() {
        List<UserId> created = IntStream.range(0, 7)
                .mapToObj(
                        i -> users.create("user" + i + "@example.com", PASSWORD).id())
                .toList();

        List<UserId> seen = new ArrayList<>();
        Page<UserWithPosts> page = posts.findUsersWithPosts(PageRequest.first(3));
        seen.addAll(page.items().stream().map(u -> u.user().id()).toList());
        while (page.nextCursor().isPresent()) {
            page = posts.findUsersWithPosts(PageRequest.after(page.nextCursor().get(), 3));
            seen.addAll(page.items().stream().map(u -> u.user().id()).toList());
        }

        assertThat(seen).containsExactlyElementsOf(created);
    }

    @Test
    void oneStatementReadsFiftyUsersWithFiftyPostsEach() {
        for (int u = 0; u < 50; u++) {
            UserId author =
                    users.create("author" + u + "@example.com", PASSWORD).id();
            db.insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE, POSTS.CONTENT)
                    .select(db.select(val(author, POSTS.USER_ID), val("title"), val("content"))
                            .from(generateSeries(1, 50)))
                    .execute();
        }
        StatementCounter.of(db).reset();

        Page<UserWithPosts> page = posts.findUsersWithPosts(PageRequest.first(50));

        assertThat(StatementCounter.of(db).statements()).hasSize(1);
        assertThat(page.nextCursor()).isEmpty();
        assertThat(page.items())
                .hasSize(50)
                .allSatisfy(user -> assertThat(user.posts())
                        .hasSize(50)
                        .allSatisfy(post -> assertThat(post.authorId())
                                .isEqualTo(user.user().id())));
    }

    @Test
    void theUsersListingsAcceptEachOthersCursors() {
        List<User> created = IntStream.range(0, 4)
                .mapToObj(i -> users.create("user" + i + "@example.com", PASSWORD))
                .toList();

        String afterTwo = users.findAll(PageRequest.first(2)).nextCursor().orElseThrow();
        String afterOne =
                posts.findUsersWithPosts(PageRequest.first(1)).nextCursor().orElseThrow();

        assertThat(posts.findUsersWithPosts(PageRequest.after(afterTwo, 10)).items())
                .extracting(UserWithPosts::user)
                .containsExactlyElementsOf(created.subList(2, 4));
        assertThat(users.findAll(PageRequest.after(afterOne, 10)).items())
                .containsExactlyElementsOf(created.subList(1, 4));
    }

    @Test
    void aCursorTheUsersListingsDidNotIssueIsRefused() {
        assertThatThrownBy(() -> posts.findUsersWithPosts(PageRequest.after("not-a-cursor", 10)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
        assertThatThrownBy(() -> posts.findUsersWithPosts(PageRequest.after(forged("users:0"), 10)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
    }

    /** A cursor made up by hand, as a caller could. */
    private static String forged(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
