package dev.blogdb.bulk;

import static dev.blogdb.jooq.Tables.POSTS;
import static dev.blogdb.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blogdb.BlogDb;
import dev.blogdb.core.DuplicateEmailException;
import dev.blogdb.core.InvalidInputException;
import dev.blogdb.core.PageRequest;
import dev.blogdb.core.UnknownAuthorException;
import dev.blogdb.core.UserId;
import dev.blogdb.post.Post;
import dev.blogdb.testing.MigratedDatabase;
import dev.blogdb.user.PasswordHasher;
import dev.blogdb.user.User;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bulk loading: COPY in one transaction, all or nothing, validated as the repositories validate. */
@ExtendWith(MigratedDatabase.class)
class BulkLoaderTest {

    private static final String PASSWORD = "one password for all";
    private static final String HASH = PasswordHasher.standard().hash(PASSWORD);

    @Test
    void usersGetReservedIdsInTheirOrderAndPostsNameThemWithoutReadingUsersBack(BlogDb blog, DSLContext db) {
        OffsetDateTime imported = OffsetDateTime.of(2020, 5, 17, 8, 30, 0, 0, ZoneOffset.UTC);

        List<UserId> ids = blog.bulkLoad(load -> {
            List<UserId> added = load.addUsers(List.of("Ada@Example.com", " grace@example.com "), HASH);
            load.addPosts(List.of(
                    BulkPost.of(added.get(0), "Notes", "On the Analytical Engine", true),
                    new BulkPost(added.get(1), "COBOL", "Imported from elsewhere", false, Optional.of(imported))));
            return added;
        });

        assertThat(ids).hasSize(2);
        assertThat(ids.get(0).value()).isLessThan(ids.get(1).value());
        assertThat(blog.users().findById(ids.get(0))).map(User::email).contains("Ada@Example.com");
        assertThat(blog.users().findById(ids.get(1))).map(User::email).contains("grace@example.com");
        assertThat(blog.users().authenticate("ada@example.com", PASSWORD))
                .map(User::id)
                .contains(ids.get(0));
        List<Post> adas =
                blog.posts().findByAuthor(ids.get(0), PageRequest.first(10)).items();
        List<Post> graces =
                blog.posts().findByAuthor(ids.get(1), PageRequest.first(10)).items();
        assertThat(adas).singleElement().satisfies(post -> {
            assertThat(post.title()).isEqualTo("Notes");
            assertThat(post.published()).isTrue();
            assertThat(post.createdAt())
                    .isEqualTo(blog.users().findById(ids.get(0)).orElseThrow().createdAt());
        });
        assertThat(graces).singleElement().satisfies(post -> {
            assertThat(post.published()).isFalse();
            assertThat(post.createdAt()).isEqualTo(imported);
        });
        assertThat(db.fetchCount(POSTS)).isEqualTo(2);
    }

    @Test
    void textThatCopysFormatEscapesIsStoredAsGiven(BlogDb blog) {
        String title = "tab\there, back\\slash, \\N, line\nbreak\r\nend";
        String content = "\\.\n\\\t" + "ü😀";

        UserId author = blog.bulkLoad(load -> {
            UserId added = load.addUsers(List.of("ada@example.com"), HASH).get(0);
            load.addPosts(List.of(BulkPost.of(added, title, content, true)));
            return added;
        });

        assertThat(blog.posts().findByAuthor(author, PageRequest.first(1)).items())
                .singleElement()
                .satisfies(post -> {
                    assertThat(post.title()).isEqualTo(title);
                    assertThat(post.content()).isEqualTo(content);
                });
    }

    @Test
    void timesAreStoredToTheMicrosecondWithNanosecondsRoundedAsPostgresRoundsText(BlogDb blog) {
        OffsetDateTime beforePostgresEpoch = OffsetDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000, ZoneOffset.UTC);
        OffsetDateTime withOffset = OffsetDateTime.of(2026, 12, 3, 8, 0, 0, 123_456_000, ZoneOffset.ofHours(2));
        OffsetDateTime nanosDown = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 1_400, ZoneOffset.UTC);
        OffsetDateTime nanosUp = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 1_600, ZoneOffset.UTC);

        UserId author = blog.bulkLoad(load -> {
            UserId added = load.addUsers(List.of("ada@example.com"), HASH).get(0);
            load.addPosts(List.of(beforePostgresEpoch, withOffset, nanosDown, nanosUp).stream()
                    .map(time -> new BulkPost(added, "title", "content", true, Optional.of(time)))
                    .toList());
            return added;
        });

        assertThat(blog.posts().findByAuthor(author, PageRequest.first(4)).items())
                .extracting(post -> post.createdAt().toInstant())
                .containsExactly(
                        withOffset.toInstant(),
                        OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 2_000, ZoneOffset.UTC)
                                .toInstant(),
                        OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 1_000, ZoneOffset.UTC)
                                .toInstant(),
                        beforePostgresEpoch.toInstant());
    }

    @Test
    void aBadPostAnywhereLeavesNothingOfTheLoadAndNamesItsPosition(BlogDb blog, DSLContext db) {
        assertThatThrownBy(() -> blog.bulkLoad(load -> {
                    UserId ada = load.addUsers(List.of("ada@example.com"), HASH).get(0);
                    return load.addPosts(IntStream.range(0, 5)
                            .mapToObj(i -> BulkPost.of(ada, i == 3 ? " \t" : "title " + i, "content", true))
                            .toList());
                }))
                .isInstanceOfSatisfying(InvalidInputException.class, invalid -> {
                    assertThat(invalid.field()).isEqualTo("posts[3].title");
                    assertThat(invalid.rule()).isEqualTo("must not be blank");
                });

        assertThat(db.fetchCount(USERS)).isZero();
        assertThat(db.fetchCount(POSTS)).isZero();
    }

    @Test
    void aTakenEmailInAnyLetterCaseLeavesNothingOfTheLoad(BlogDb blog, DSLContext db) {
        blog.users().create("grace@example.com", PASSWORD);

        assertThatThrownBy(() ->
                        blog.bulkLoad(load -> load.addUsers(List.of("ada@example.com", "GRACE@example.com"), HASH)))
                .isInstanceOfSatisfying(
                        DuplicateEmailException.class,
                        duplicate -> assertThat(duplicate.email()).isEqualTo("grace@example.com"));

        assertThat(db.fetchValues(USERS.EMAIL)).containsExactly("grace@example.com");
    }

    @Test
    void aPostOfAUserWhoDoesNotExistLeavesNothingOfTheLoad(BlogDb blog, DSLContext db) {
        assertThatThrownBy(() -> blog.bulkLoad(load -> {
                    load.addUsers(List.of("ada@example.com"), HASH);
                    return load.addPosts(List.of(BulkPost.of(new UserId(987654), "title", "content", true)));
                }))
                .isInstanceOfSatisfying(
                        UnknownAuthorException.class,
                        unknown -> assertThat(unknown.author()).isEqualTo(new UserId(987654)));

        assertThat(db.fetchCount(USERS)).isZero();
    }

    @Test
    void aBadEmailOrAHashBlogdbCannotCheckIsRefusedBeforeAnythingIsWritten(BlogDb blog, DSLContext db) {
        assertThatThrownBy(() -> blog.bulkLoad(load -> load.addUsers(List.of("ada@example.com", "no-at-sign"), HASH)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        invalid -> assertThat(invalid.field()).isEqualTo("emails[1]"));
        for (String notAnArgon2Hash :
                List.of("hunter2", "$2a$10$abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ01234")) {
            assertThatThrownBy(() -> blog.bulkLoad(load -> load.addUsers(List.of("ada@example.com"), notAnArgon2Hash)))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            invalid -> assertThat(invalid.field()).isEqualTo("passwordHash"));
        }

        assertThat(db.fetchCount(USERS)).isZero();
    }

    @Test
    void aLoadAbortedByItsOwnProgressListenerRollsBackInsteadOfHanging(BlogDb blog, DSLContext db) {
        IllegalStateException cancelled = new IllegalStateException("cancelled by the user");

        assertThatThrownBy(() -> blog.bulkLoad(load -> {
                    load.reportingProgressTo(rows -> {
                        throw cancelled;
                    });
                    return load.addUsers(List.of("ada@example.com"), HASH);
                }))
                .isSameAs(cancelled);

        assertThat(db.fetchCount(USERS)).isZero();
    }

    @Test
    void aPostWithoutAuthorIsRefusedNamingItsPosition(BlogDb blog) {
        assertThatThrownBy(() ->
                        blog.bulkLoad(load -> load.addPosts(List.of(BulkPost.of(null, "title", "content", true)))))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        invalid -> assertThat(invalid.field()).isEqualTo("posts[0].author"));
        assertThatThrownBy(() -> new BulkPost(new UserId(1), "title", "content", true, null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        invalid -> assertThat(invalid.field()).isEqualTo("createdAt"));
    }

    @Test
    void progressCountsEveryRowWrittenUpToTheLast(BlogDb blog) {
        List<Long> reported = new ArrayList<>();

        long rows = blog.bulkLoad(load -> {
            load.reportingProgressTo(reported::add);
            List<UserId> users = load.addUsers(
                    IntStream.range(0, 100)
                            .mapToObj(i -> "user" + i + "@example.com")
                            .toList(),
                    HASH);
            load.addPosts(() -> IntStream.range(0, 5_000)
                    .mapToObj(i -> BulkPost.of(users.get(i % 100), "title " + i, "x".repeat(100), true))
                    .iterator());
            return load.rowsWritten();
        });

        assertThat(rows).isEqualTo(5_100);
        assertThat(reported).isSorted().hasSizeGreaterThan(2).last().isEqualTo(5_100L);
    }
}
