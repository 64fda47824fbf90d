package dev.blogdb.reliability;

import static dev.blogdb.jooq.Tables.POSTS;
import static dev.blogdb.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.jooq.impl.DSL.octetLength;

import dev.blogdb.core.Constraint;
import dev.blogdb.core.DuplicateEmailException;
import dev.blogdb.core.InvalidInputException;
import dev.blogdb.core.UserId;
import dev.blogdb.internal.ErrorTranslation;
import dev.blogdb.internal.Inputs;
import dev.blogdb.post.Post;
import dev.blogdb.post.PostProjection;
import dev.blogdb.post.PostRepository;
import dev.blogdb.testing.MigratedDatabase;
import dev.blogdb.testing.property.Falsified;
import dev.blogdb.testing.property.Gen;
import dev.blogdb.testing.property.Property;
import dev.blogdb.user.User;
import dev.blogdb.user.UserRepository;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Whatever a caller passes, every input is either stored and read back byte-identical, or refused
 * with an {@link InvalidInputException} naming the field; never another exception. Inputs: any
 * UTF-16 (lone surrogates included), astral characters, combining marks, control characters, NUL,
 * white space of every kind, SQL meta-characters, strings around and far beyond the length limits, null.
 * A create with a rule taken out must fail the post text property, which proves it strong enough to notice.
 * The tries are seeded (see {@link Property}): a failure repeats when the test is rerun.
 */
@ExtendWith(MigratedDatabase.class)
class HostileInputPropertiesTest {

    private static final String PASSWORD = "correct horse battery";
    private static final int POST_TEXT_TRIES = 300;
    private static final int EMAIL_TRIES = 60;
    /** The longest of the generators' short strings; a failing try may hold 100,000 characters before it is shrunk. */
    private static final int SHORT_TEXT = 40;

    /** Creates a post by the test's author, as {@link PostRepository#create} does, or as a planted defect would. */
    @FunctionalInterface
    private interface PostCreation {
        Post create(String title, String content);
    }

    /** One try's arguments to {@link PostCreation#create}. */
    private record PostText(String title, String content) {}

    /** How a try ended: both must happen often, or the property checks less than it seems to. */
    private enum Outcome {
        STORED,
        REFUSED
    }

    @Test
    void postTextIsStoredByteIdenticalOrRefusedNamingItsField(DSLContext db) {
        UserId author =
                new UserRepository(db).create("author@example.com", PASSWORD).id();
        PostRepository posts = new PostRepository(db);
        PostCreation create = (title, content) -> posts.create(author, title, content, true);
        List<Outcome> outcomes = new ArrayList<>();

        Property.forAll(
                POST_TEXT_TRIES,
                postTexts(),
                text -> outcomes.add(storedByteIdenticalOrRefusedNamingItsField(db, posts, create, text)));

        assertThat(outcomes)
                .as("tries whose text was stored")
                .filteredOn(Outcome.STORED::equals)
                .hasSizeGreaterThanOrEqualTo(POST_TEXT_TRIES / 5);
        assertThat(outcomes)
                .as("tries whose text was refused")
                .filteredOn(Outcome.REFUSED::equals)
                .hasSizeGreaterThanOrEqualTo(POST_TEXT_TRIES / 5);
    }

    /**
     * The property above is strong enough to catch a missing rule: without its NUL check, create sends NUL to
     * PostgreSQL, which refuses it with an error that is no {@link InvalidInputException}. The property must
     * fail, and shrink to a small input whose NUL is the point.
     */
    @Test
    void postTextPropertyCatchesACreateWithoutItsNulCheckAndShrinksToASmallInputWithNul(DSLContext db) {
        UserId author =
                new UserRepository(db).create("author@example.com", PASSWORD).id();
        PostRepository posts = new PostRepository(db);

        Falsified falsified = catchThrowableOfType(
                Falsified.class,
                () -> Property.forAll(
                        POST_TEXT_TRIES,
                        postTexts(),
                        text -> storedByteIdenticalOrRefusedNamingItsField(
                                db, posts, createWithoutNulCheck(db, author), text)));

        assertThat(falsified)
                .as("the property passed although create let NUL through")
                .isNotNull();
        PostText counterexample = (PostText) falsified.counterexample();
        assertThat(Stream.of(counterexample.title(), counterexample.content()).filter(Objects::nonNull))
                .as("shrunk counterexample %s", counterexample)
                .anyMatch(text -> text.indexOf('\0') >= 0)
                .allMatch(text -> text.length() <= SHORT_TEXT);
        assertThat(falsified.getCause()).isInstanceOf(DataAccessException.class).hasMessageContaining("0x00");
    }

    @Test
    void createFindAuthenticateAndUniquenessNormaliseAnEmailAlike(DSLContext db) {
        UserRepository users = new UserRepository(db);
        UserId existing = users.create("author@example.com", PASSWORD).id();
        List<Outcome> outcomes = new ArrayList<>();

        Property.forAll(
                EMAIL_TRIES,
                hostileEmails(),
                email -> outcomes.add(normalisedAlikeEverywhere(db, users, existing, email)));

        assertThat(outcomes)
                .as("tries whose email was accepted")
                .filteredOn(Outcome.STORED::equals)
                .hasSizeGreaterThanOrEqualTo(EMAIL_TRIES / 10);
        assertThat(outcomes)
                .as("tries whose email was refused")
                .filteredOn(Outcome.REFUSED::equals)
                .hasSizeGreaterThanOrEqualTo(EMAIL_TRIES / 2);
    }

    private static Outcome storedByteIdenticalOrRefusedNamingItsField(
            DSLContext db, PostRepository posts, PostCreation creation, PostText text) {
        db.deleteFrom(POSTS).execute();
        String title = text.title();
        String content = text.content();
        Post stored;
        try {
            stored = creation.create(title, content);
        } catch (InvalidInputException refused) {
            assertThat(refused.field()).isIn("title", "content");
            String refusedValue = refused.field().equals("title") ? title : content;
            int maxLength =
                    refused.field().equals("title") ? Constraint.MAX_TITLE_LENGTH : Constraint.MAX_CONTENT_LENGTH;
            assertThat(plainlyValid(refusedValue, maxLength))
                    .as("%s was refused (%s) although it breaks no rule", refused.field(), refused.rule())
                    .isFalse();
            assertThat(db.fetchCount(POSTS)).isZero();
            return Outcome.REFUSED;
        }
        Post read = posts.findById(stored.id()).orElseThrow();
        assertThat(read.title()).isEqualTo(title);
        assertThat(read.content()).isEqualTo(content);
        assertThat(db.select(octetLength(POSTS.TITLE), octetLength(POSTS.CONTENT))
                        .from(POSTS)
                        .fetchSingle()
                        .intoArray())
                .containsExactly(
                        title.getBytes(StandardCharsets.UTF_8).length, content.getBytes(StandardCharsets.UTF_8).length);
        return Outcome.STORED;
    }

    private static Outcome normalisedAlikeEverywhere(
            DSLContext db, UserRepository users, UserId existing, String email) {
        db.deleteFrom(USERS).where(USERS.ID.ne(existing)).execute();
        User created;
        try {
            created = users.create(email, PASSWORD);
        } catch (InvalidInputException refused) {
            assertThat(refused.field()).isEqualTo("email");
            assertThat(db.fetchCount(USERS)).isOne();
            return Outcome.REFUSED;
        }
        String otherCase = swapAsciiCase(email);
        assertThat(created.email()).isEqualTo(email.strip());
        assertThat(users.findByEmail(email)).contains(created);
        assertThat(users.findByEmail(otherCase)).contains(created);
        assertThat(users.authenticate(otherCase, PASSWORD)).contains(created);
        assertThatThrownBy(() -> users.create(" " + otherCase + " ", PASSWORD))
                .isInstanceOf(DuplicateEmailException.class);
        return Outcome.STORED;
    }

    /**
     * {@link PostRepository#create} as it would be without its NUL check: every other rule still applies (a NUL
     * counts as a character that is not white space, so it is checked as a letter), then the insert and the error
     * translation that create uses.
     */
    private static PostCreation createWithoutNulCheck(DSLContext db, UserId author) {
        DSLContext translated = ErrorTranslation.applyTo(db);
        return (title, content) -> {
            Inputs.title("title", nulAsLetter(title));
            Inputs.content("content", nulAsLetter(content));
            return translated
                    .insertInto(POSTS, POSTS.USER_ID, POSTS.TITLE, POSTS.CONTENT, POSTS.PUBLISHED)
                    .values(author, title, content, true)
                    .returning(PostProjection.columns(POSTS))
                    .fetchSingle(row -> PostProjection.from(row, POSTS));
        };
    }

    private static String nulAsLetter(String text) {
        return text == null ? null : text.replace('\0', 'x');
    }

    private static Gen<PostText> postTexts() {
        Gen<String> text = hostileText();
        return choices -> new PostText(text.generate(choices), text.generate(choices));
    }

    private static Gen<String> hostileText() {
        return Gen.oneOf(
                        Gen.strings(Gen.charsBetween('\u0000', '\uffff'), 0, 40),
                        Gen.strings(Gen.charsBetween('\u0000', '\u001f'), 1, 6),
                        Gen.strings(
                                Gen.charsOf(" \t\n\r\u000B\f\u0085\u00A0\u1680\u2003\u2007\u2028\u202F\u3000\uFEFF"),
                                1,
                                6),
                        Gen.of(
                                "'; DROP TABLE posts; --",
                                "\" OR 1=1 --",
                                "%_\\",
                                "$$ $1 ? :name {0}",
                                "e\u0301",
                                "a\u0308\u0308",
                                "👩‍👩‍👧",
                                "\uD83D",
                                "x\uDE00",
                                "nul\u0000byte",
                                "null",
                                "\u202Eevil"),
                        Gen.strings(Gen.codePoints(0x1_0000, 0x10_FFFF, Character::isDefined), 1, 8),
                        Gen.integers(195, 205).map("t"::repeat),
                        Gen.integers(99_995, 100_005).map("c"::repeat),
                        Gen.integers(99, 101).map("😀"::repeat))
                .orNull(3);
    }

    /**
     * Addresses assembled from parts, each hostile now and then, or any text at all. Plain parts come twice as
     * often as hostile ones, and assembled addresses three times as often as any text, so that about one try in
     * five is an address blogdb accepts, whose normalisation the property checks.
     */
    private static Gen<String> hostileEmails() {
        String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        Gen<String> anyUtf16 = Gen.charsBetween('\u0000', '\uffff');
        Gen<String> plainLocal = Gen.strings(Gen.charsOf(letters + "0123456789.+-_'"), 1, 20);
        Gen<String> local = Gen.oneOf(
                plainLocal,
                plainLocal,
                Gen.strings(anyUtf16, 0, 8),
                Gen.of("", "ü", "ȦDA", "o'brien", "a b", "x\u0000y", "\uD83D", "😀", "a".repeat(64), "a".repeat(65)));
        Gen<String> plainDomain = Gen.strings(Gen.charsOf(letters + ".-"), 1, 20);
        Gen<String> domain = Gen.oneOf(
                plainDomain,
                plainDomain,
                Gen.of("example.com", "EXAMPLE.org", "", ".com", "a..b", "bücher.de", "b".repeat(256)));
        Gen<String> padding = Gen.of("", " ", "\t", "\n ", "\u00A0");
        Gen<String> at = Gen.of("@", "@", "@", "", "@@");
        Gen<String> assembled = choices -> padding.generate(choices)
                + local.generate(choices)
                + at.generate(choices)
                + domain.generate(choices)
                + padding.generate(choices);
        return Gen.oneOf(assembled, assembled, assembled, Gen.strings(anyUtf16, 0, 30))
                .orNull(3);
    }

    /** Plainly within the rules: has a letter or digit, fits, and holds no NUL or lone surrogate. */
    private static boolean plainlyValid(String text, int maxLength) {
        return text != null
                && text.indexOf('\0') < 0
                && StandardCharsets.UTF_8.newEncoder().canEncode(text)
                && text.codePointCount(0, text.length()) <= maxLength
                && text.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    /** The same address with its ASCII letters' case swapped: equal for PostgreSQL's lower(). */
    private static String swapAsciiCase(String email) {
        StringBuilder swapped = new StringBuilder(email.length());
        for (char c : email.toCharArray()) {
            swapped.append(
                    c < 128 && Character.isUpperCase(c)
                            ? Character.toLowerCase(c)
                            : c < 128 && Character.isLowerCase(c) ? Character.toUpperCase(c) : c);
        }
        return swapped.toString();
    }
}
