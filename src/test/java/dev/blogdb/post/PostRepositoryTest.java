package dev.blogdb.post;

import static dev.blogdb.jooq.Tables.POSTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.blogdb.core.InvalidInputException;
import dev.blogdb.core.Page;
import dev.blogdb.core.PageRequest;
import dev.blogdb.core.PostId;
import dev.blogdb.core.UnknownAuthorException;
import dev.blogdb.core.UserId;
import dev.blogdb.testing.MigratedDatabase;
import dev.blogdb.testing.StatementCounter;
import dev.blogdb.user.User;
import dev.blogdb.user.UserRepository;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(MigratedDatabase.class)
class PostRepositoryTest {

    private DSLContext db;
    private PostRepository posts;
    private User ada;
    private User grace;

    @BeforeEach
    void twoAuthors(DSLContext database) {
        db = StatementCounter.attachTo(database);
        posts = new PostRepository(db);
        UserRepository users = new UserRepository(db);
        ada = users.create("ada@example.com", "correct horse battery");
        grace = users.create("grace@example.com", "correct horse battery");
        StatementCounter.of(db).reset();
    }

    @Test
    void createReturnsTheStoredPost() {
        Post post = posts.create(ada.id(), "Notes on the Engine", "It weaves algebraic patterns.", false);

        assertThat(post.authorId()).isEqualTo(ada.id());
        assertThat(post.title()).isEqualTo("Notes on the Engine");
        assertThat(post.content()).isEqualTo("It weaves algebraic patterns.");
        assertThat(post.published()).isFalse();
        assertThat(posts.findById(post.id())).contains(post);
    }

    @Test
    void createForAMissingAuthorFailsWithUnknownAuthor() {
        assertThatThrownBy(() -> posts.create(new UserId(987654), "title", "content", true))
                .isInstanceOfSatisfying(
                        UnknownAuthorException.class,
                        e -> assertThat(e.author()).isEqualTo(new UserId(987654)));
        assertThat(db.fetchCount(POSTS)).isZero();
    }

    @ParameterizedTest(name = "title [{0}] content [{1}] -> {2} {3}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            NULL    | content | title   | is required
            '  '    | content | title   | must not be blank
            title   | NULL    | content | is required
            title   | '\t\n'  | content | must not be blank
            """)
    void createRefusesBadInputBeforeSendingAnySql(String title, String content, String field, String rule) {
        String realContent =
                content == null ? null : content.replace("\\t", "\t").replace("\\n", "\n");

        assertThatThrownBy(() -> posts.create(ada.id(), title, realContent, true))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.rule()).isEqualTo(rule);
                });
        assertThat(StatementCounter.of(db).statements()).isEmpty();
    }

    @Test
    void createRefusesOverlongTextNulAndAMissingAuthor() {
        assertThatThrownBy(() -> posts.create(ada.id(), "t".repeat(201), "c", true))
                .hasMessage("title must be at most 200 characters");
        assertThatThrownBy(() -> posts.create(ada.id(), "t", "c".repeat(100_001), true))
                .hasMessage("content must be at most 100000 characters");
        assertThatThrownBy(() -> posts.create(ada.id(), "t", "nul\0here", true))
                .hasMessage("content must not contain NUL characters");
        assertThatThrownBy(() -> posts.create(null, "t", "c", true)).hasMessage("author is required");
        // Characters, not UTF-16 units: 200 astral characters are 400 chars in Java and still fit.
        assertThat(posts.create(ada.id(), "😀".repeat(200), "c", true).title()).isEqualTo("😀".repeat(200));
    }

    @Test
    void createAllInsertsEveryPostInOneStatementAndReturnsTheIdsInOrder() {
        List<NewPost> drafts = IntStream.range(0, PostRepository.COPY_FROM - 1)
                .mapToObj(i -> new NewPost("title " + i, "content " + i + " 😀", i % 5 != 0))
                .toList();

        List<PostId> ids = posts.createAll(ada.id(), drafts);

        assertThat(StatementCounter.of(db).statements()).hasSize(1);
        assertThat(ids).hasSize(PostRepository.COPY_FROM - 1);
        for (int i : List.of(0, 1, 5, PostRepository.COPY_FROM - 2)) {
            Post stored = posts.findById(ids.get(i)).orElseThrow();
            assertThat(stored.title()).isEqualTo(drafts.get(i).title());
            assertThat(stored.content()).isEqualTo(drafts.get(i).content());
            assertThat(stored.published()).isEqualTo(drafts.get(i).published());
            assertThat(stored.authorId()).isEqualTo(ada.id());
        }
        assertThat(posts.createAll(ada.id(), List.of())).isEmpty();
    }

    @Test
    void createAllStreamsLargeBatchesByCopyWithTheIdsInOrderAndEveryCharacterIntact() {
        String awkward = "tab\there, line\nbreak, back\\slash, \\N, carriage\rreturn 😀";
        List<NewPost> many = IntStream.range(0, PostRepository.COPY_FROM)
                .mapToObj(i -> new NewPost("title " + i, awkward + " " + i, i % 3 != 0))
                .toList();

        List<PostId> ids = posts.createAll(ada.id(), many);

        assertThat(StatementCounter.of(db).statements())
                .as("the id reservation; the COPY is not a jOOQ statement")
                .singleElement(STRING)
                .contains("nextval");
        assertThat(ids).hasSize(PostRepository.COPY_FROM).isSortedAccordingTo(Comparator.comparing(PostId::value));
        for (int i : List.of(0, 1, 2, PostRepository.COPY_FROM - 1)) {
            Post stored = posts.findById(ids.get(i)).orElseThrow();
            assertThat(stored)
                    .extracting(Post::authorId, Post::title, Post::content, Post::published)
                    .containsExactly(ada.id(), "title " + i, awkward + " " + i, i % 3 != 0);
        }
        assertThat(posts.countByAuthor(ada.id())).isEqualTo(PostRepository.COPY_FROM);
    }

    @Test
    void createAllByCopyCreatesNoneForAnUnknownAuthor() {
        List<NewPost> many = IntStream.range(0, PostRepository.COPY_FROM)
                .mapToObj(i -> new NewPost("title " + i, "content", true))
                .toList();

        assertThatThrownBy(() -> posts.createAll(new UserId(987654), many))
                .isInstanceOfSatisfying(
                        UnknownAuthorException.class,
                        e -> assertThat(e.getMessage()).contains("987654"));
        assertThat(db.fetchCount(POSTS)).isZero();
    }

    @Test
    void createAllCreatesNoneWhenAnyPostBreaksARuleOrTheAuthorIsUnknown() {
        List<NewPost> oneBlank = List.of(new NewPost("fine", "fine", true), new NewPost("fine", " ", true));

        assertThatThrownBy(() -> posts.createAll(ada.id(), oneBlank))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("posts[1].content"));
        assertThatThrownBy(() -> posts.createAll(new UserId(987654), List.of(new NewPost("t", "c", true))))
                .isInstanceOf(UnknownAuthorException.class);
        assertThat(db.fetchCount(POSTS)).isZero();
    }

    @Test
    void findWithAuthorReadsThePostAndItsAuthorInOneStatement() {
        Post post = posts.create(grace.id(), "COBOL", "Common business-oriented language", true);
        StatementCounter.of(db).reset();

        assertThat(posts.findWithAuthor(post.id())).contains(new PostWithAuthor(post, grace));
        assertThat(StatementCounter.of(db).statements()).hasSize(1);
        assertThat(posts.findWithAuthor(new PostId(987654))).isEmpty();
    }

    @Test
    void findByAuthorPagesThroughOnlyThatAuthorsPostsNewestFirstIncludingUnpublished() {
        List<Post> adas = IntStream.range(0, 5)
                .mapToObj(i -> posts.create(ada.id(), "ada " + i, "content", i % 2 == 0))
                .toList();
        posts.create(grace.id(), "grace", "content", true);

        Page<Post> first = posts.findByAuthor(ada.id(), PageRequest.first(3));
        Page<Post> second = posts.findByAuthor(
                ada.id(), PageRequest.after(first.nextCursor().orElseThrow(), 3));

        assertThat(first.items()).containsExactly(adas.get(4), adas.get(3), adas.get(2));
        assertThat(second.items()).containsExactly(adas.get(1), adas.get(0));
        assertThat(second.nextCursor()).isEmpty();
    }

    @Test
    void feedListsOnlyPublishedPostsNewestFirstWithTheirAuthorsInOneStatement() {
        Post adaPublished = posts.create(ada.id(), "a", "content", true);
        posts.create(ada.id(), "draft", "content", false);
        Post gracePublished = posts.create(grace.id(), "g", "content", true);
        StatementCounter.of(db).reset();

        Page<PostWithAuthor> feed = posts.feed(PageRequest.first(10));

        assertThat(StatementCounter.of(db).statements()).hasSize(1);
        assertThat(feed.items())
                .containsExactly(new PostWithAuthor(gracePublished, grace), new PostWithAuthor(adaPublished, ada));
        assertThat(feed.nextCursor()).isEmpty();
    }

    @Test
    void feedPagesNeitherSkipNorRepeatPostsWhileNewPostsArrive() {
        List<PostId> published = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Post post = posts.create(i % 2 == 0 ? ada.id() : grace.id(), "post " + i, "content", i % 5 != 4);
            if (post.published()) {
                published.add(0, post.id());
            }
        }

        List<PostId> read = new ArrayList<>();
        Page<PostWithAuthor> page = posts.feed(PageRequest.first(6));
        read.addAll(page.items().stream().map(item -> item.post().id()).toList());
        int arrivals = 0;
        while (page.nextCursor().isPresent()) {
            posts.create(grace.id(), "arrived " + arrivals++, "content", true);
            page = posts.feed(PageRequest.after(page.nextCursor().get(), 6));
            read.addAll(page.items().stream().map(item -> item.post().id()).toList());
        }

        assertThat(published).hasSize(20);
        assertThat(read).containsExactlyElementsOf(published);
        assertThat(arrivals).isEqualTo(3);
    }

    @Test
    void listingsRefuseCursorsTheyDidNotIssue() {
        posts.create(ada.id(), "a", "content", true);
        posts.create(ada.id(), "b", "content", true);
        String feedCursor = posts.feed(PageRequest.first(1)).nextCursor().orElseThrow();

        String beyondPostgresRange = forged("feed:" + Long.MIN_VALUE + ":1");
        for (String bad : List.of(
                "garbage!", feedCursor.substring(1), forged("feed:1"), forged("feed:1:0"), beyondPostgresRange)) {
            assertThatThrownBy(() -> posts.feed(PageRequest.after(bad, 5)))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.field()).isEqualTo("cursor"));
        }
        assertThatThrownBy(() -> posts.findByAuthor(ada.id(), PageRequest.after(feedCursor, 5)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
        assertThatThrownBy(() -> PageRequest.first(0)).hasMessage("limit must be between 1 and 500, was 0");
        assertThatThrownBy(() -> PageRequest.first(501)).hasMessage("limit must be between 1 and 500, was 501");
    }

    @Test
    void updateOfTheVersionReadReturnsTheNewStateWithTheNextVersionInOneStatement() {
        Post post = posts.create(ada.id(), "draft", "first words", false);
        StatementCounter.of(db).reset();

        Post updated = posts.update(post.id(), post.version(), "final", "last words", true)
                .orElseThrow();

        assertThat(post.version()).isEqualTo(1);
        assertThat(updated).isEqualTo(new Post(post.id(), ada.id(), "final", "last words", true, post.createdAt(), 2));
        assertThat(StatementCounter.of(db).statements()).hasSize(1);
        assertThat(posts.findById(post.id())).contains(updated);
    }

    @Test
    void updateOfAStaleVersionChangesNothingAndCarriesThePostAsItNowIs() {
        Post read = posts.create(ada.id(), "draft", "first words", false);
        Post firstEditorsSave = posts.update(read.id(), read.version(), "first editor", "saved first", true)
                .orElseThrow();
        StatementCounter.of(db).reset();

        assertThatThrownBy(() -> posts.update(read.id(), read.version(), "second editor", "saved second", false))
                .isInstanceOfSatisfying(StalePostException.class, stale -> {
                    assertThat(stale.current()).isEqualTo(firstEditorsSave);
                    assertThat(stale.expectedVersion()).isEqualTo(1);
                })
                .hasMessage("post " + read.id().value()
                        + " is at version 2, not 1: it changed after it was read, and nothing was updated");
        assertThat(StatementCounter.of(db).statements()).hasSize(2);
        assertThat(posts.findById(read.id())).contains(firstEditorsSave);
    }

    @Test
    void anUpdateBySqlOfAnyOtherWriterAlsoRaisesTheVersion() {
        Post read = posts.create(ada.id(), "draft", "first words", false);

        db.update(POSTS)
                .set(POSTS.TITLE, "fixed by hand")
                .set(POSTS.VERSION, 1L)
                .where(POSTS.ID.eq(read.id()))
                .execute();

        assertThat(posts.findById(read.id()).orElseThrow().version()).isEqualTo(2);
        assertThatThrownBy(() -> posts.update(read.id(), read.version(), "mine", "content", true))
                .isInstanceOfSatisfying(
                        StalePostException.class,
                        stale -> assertThat(stale.current().title()).isEqualTo("fixed by hand"));
    }

    @Test
    void updateOfAPostThatIsGoneIsEmptyWhateverTheVersion() {
        Post deleted = posts.create(ada.id(), "doomed", "content", true);
        posts.delete(deleted.id());

        assertThat(posts.update(deleted.id(), deleted.version(), "t", "c", true))
                .isEmpty();
        assertThat(posts.update(deleted.id(), 7, "t", "c", true)).isEmpty();
        assertThat(posts.update(new PostId(987654), 1, "t", "c", true)).isEmpty();
    }

    @Test
    void updateRefusesBadInputBeforeSendingAnySql() {
        Post post = posts.create(ada.id(), "draft", "first words", false);
        StatementCounter.of(db).reset();

        assertThatThrownBy(() -> posts.update(post.id(), 1, " ", "c", true)).hasMessage("title must not be blank");
        assertThatThrownBy(() -> posts.update(post.id(), 0, "t", "c", true))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("version"))
                .hasMessage("version must be at least 1, was 0");
        assertThat(StatementCounter.of(db).statements()).isEmpty();
    }

    @Test
    void deleteRemovesOnlyThatPostAndSaysWhetherThereWasOne() {
        Post doomed = posts.create(ada.id(), "doomed", "content", true);
        Post kept = posts.create(ada.id(), "kept", "content", true);

        assertThat(posts.delete(doomed.id())).isTrue();
        assertThat(posts.delete(doomed.id())).isFalse();
        assertThat(db.fetchValues(POSTS.ID)).containsExactly(kept.id());
    }

    /** A cursor made up by hand, as a caller could. */
    private static String forged(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
