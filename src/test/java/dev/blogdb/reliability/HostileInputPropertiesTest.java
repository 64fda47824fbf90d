package dev.blogdb.reliability;

import static dev.blogdb.jooq.Tables.POSTS;
import static dev.blogdb.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.octetLength;

import dev.blogdb.core.Constraint;
import dev.blogdb.core.InvalidInputException;
import dev.blogdb.server.ThrowawayDatabase;
import dev.blogdb.post.Post;
import dev.blogdb.post.PostRepository;
import dev.blogdb.testing.TestDatabases;
import dev.blogdb.core.DuplicateEmailException;
import dev.blogdb.user.User;
import dev.blogdb.core.UserId;
import dev.blogdb.user.UserRepository;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Whatever a caller passes, every input is either stored and read back byte-identical, or refused
 * with an {@link InvalidInputException} naming the field; never another exception. Inputs: any
 * UTF-16 (lone surrogates included), astral characters, combining marks, control characters, NUL,
 * white space of every kind, SQL meta-characters, strings around and far beyond the length limits, null.
 */
class HostileInputPropertiesTest {

    private static final String PASSWORD = "correct horse battery";

    private static ThrowawayDatabase database;
    private static Connection connection;
    private static DSLContext db;
    private static UserRepository users;
    private static PostRepository posts;
    private static UserId author;

    @BeforeContainer
    static void oneDatabaseForAllTries() throws Exception {
        database = TestDatabases.migrated();
        connection = database.connect();
        db = DSL.using(connection, SQLDialect.POSTGRES);
        users = new UserRepository(db);
        posts = new PostRepository(db);
        author = users.create("author@example.com", PASSWORD).id();
    }

    @AfterContainer
    static void dropTheDatabase() throws Exception {
        try (ThrowawayDatabase dropped = database) {
            connection.close();
        }
    }

    @BeforeTry
    void onlyTheAuthorRemains() {
        db.deleteFrom(USERS).where(USERS.ID.ne(author)).execute();
        db.deleteFrom(POSTS).execute();
    }

    @Property(tries = 300)
    void postTextIsStoredByteIdenticalOrRefusedNamingItsField(@ForAll("hostileText") String title, @ForAll("hostileText") String content) {
        Post stored;
        try {
            stored = posts.create(author, title, content, true);
        } catch (InvalidInputException refused) {
            assertThat(refused.field()).isIn("title", "content");
            String refusedValue = refused.field().equals("title") ? title : content;
            assertThat(plainlyValid(refusedValue, refused.field().equals("title") ? Constraint.MAX_TITLE_LENGTH : Constraint.MAX_CONTENT_LENGTH))
                    .as("%s was refused (%s) although it breaks no rule", refused.field(), refused.rule())
                    .isFalse();
            assertThat(db.fetchCount(POSTS)).isZero();
            return;
        }
        Post read = posts.findById(stored.id()).orElseThrow();
        assertThat(read.title()).isEqualTo(title);
        assertThat(read.content()).isEqualTo(content);
        assertThat(db.select(octetLength(POSTS.TITLE), octetLength(POSTS.CONTENT)).from(POSTS).fetchSingle().intoArray())
                .containsExactly(title.getBytes(StandardCharsets.UTF_8).length, content.getBytes(StandardCharsets.UTF_8).length);
    }

    @Property(tries = 60)
    void createFindAuthenticateAndUniquenessNormaliseAnEmailAlike(@ForAll("hostileEmails") String email) {
        User created;
        try {
            created = users.create(email, PASSWORD);
        } catch (InvalidInputException refused) {
            assertThat(refused.field()).isEqualTo("email");
            assertThat(db.fetchCount(USERS)).isOne();
            return;
        }
        String otherCase = swapAsciiCase(email);
        assertThat(created.email()).isEqualTo(email.strip());
        assertThat(users.findByEmail(email)).contains(created);
        assertThat(users.findByEmail(otherCase)).contains(created);
        assertThat(users.authenticate(otherCase, PASSWORD)).contains(created);
        assertThatThrownBy(() -> users.create(" " + otherCase + " ", PASSWORD)).isInstanceOf(DuplicateEmailException.class);
    }

    @Provide
    Arbitrary<String> hostileText() {
        Arbitrary<String> astral = Arbitraries.integers().between(0x1_0000, 0x10_FFFF).filter(Character::isDefined)
                .map(Character::toString).list().ofMinSize(1).ofMaxSize(8).map(parts -> String.join("", parts));
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(6),
                Arbitraries.strings().withChars(" \t\n\r\u000B\f\u0085\u00A0\u1680\u2003\u2007\u2028\u202F\u3000\uFEFF")
                        .ofMinLength(1).ofMaxLength(6),
                Arbitraries.of("'; DROP TABLE posts; --", "\" OR 1=1 --", "%_\\", "$$ $1 ? :name {0}", "e\u0301", "a\u0308\u0308",
                        "👩‍👩‍👧", "\uD83D", "x\uDE00", "nul\u0000byte", "null", "\u202Eevil"),
                astral,
                Arbitraries.integers().between(195, 205).map("t"::repeat),
                Arbitraries.integers().between(99_995, 100_005).map("c"::repeat),
                Arbitraries.integers().between(99, 101).map("😀"::repeat))
                .injectNull(0.03);
    }

    @Provide
    Arbitrary<String> hostileEmails() {
        Arbitrary<String> local = Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().withChars(".+-_'").ofMinLength(1).ofMaxLength(20),
                Arbitraries.strings().all().ofMaxLength(8),
                Arbitraries.of("", "ü", "ȦDA", "o'brien", "a b", "x\u0000y", "\uD83D", "😀", "a".repeat(64), "a".repeat(65)));
        Arbitrary<String> domain = Arbitraries.oneOf(
                Arbitraries.strings().alpha().withChars('.', '-').ofMinLength(1).ofMaxLength(20),
                Arbitraries.of("example.com", "EXAMPLE.org", "", ".com", "a..b", "bücher.de", "b".repeat(256)));
        Arbitrary<String> padding = Arbitraries.of("", " ", "\t", "\n ", "\u00A0");
        Arbitrary<String> at = Arbitraries.of("@", "@", "@", "", "@@");
        return Arbitraries.oneOf(
                        Combinators.combine(padding, local, at, domain, padding).as((a, l, s, d, b) -> a + l + s + d + b),
                        Arbitraries.strings().all().ofMaxLength(30))
                .injectNull(0.03);
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
            swapped.append(c < 128 && Character.isUpperCase(c) ? Character.toLowerCase(c)
                    : c < 128 && Character.isLowerCase(c) ? Character.toUpperCase(c) : c);
        }
        return swapped.toString();
    }
}
