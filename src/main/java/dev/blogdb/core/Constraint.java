package dev.blogdb.core;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every named constraint of blogdb's schema that a write can break, declared once: its name in
 * the changelog, the field it guards, and its rule in words (with its limit, where it has one).
 * Input validation checks the same rules before any SQL is sent, error translation turns a
 * violation reported by PostgreSQL into the matching exception, and a test proves that this list
 * and the migrated schema name the same constraints.
 */
public enum Constraint {

    /** One account per email, whatever its letter case: a unique index on {@code lower(email)}. */
    USERS_EMAIL_UNIQUE(
            "users_email_lower_key", Kind.UNIQUE, "email", "must not be taken by another user, ignoring letter case"),
    /** An email has one {@code @} with something on each side and no white space. */
    USERS_EMAIL_FORMAT(
            "users_email_format", Kind.CHECK, "email", "must have the form local-part@domain, with exactly one @"),
    /** A password is stored only as a PHC hash string ({@code $argon2id$...}), never in clear. */
    USERS_PASSWORD_HASH_FORMAT("users_password_hash_format", Kind.CHECK, "password_hash", "must be a PHC hash string"),
    /** A post's author is an existing user. */
    POSTS_AUTHOR_EXISTS("posts_user_id_fkey", Kind.FOREIGN_KEY, "author", "must be an existing user"),
    /** A title has a character that is not white space. */
    POSTS_TITLE_NOT_BLANK("posts_title_not_blank", Kind.CHECK, "title", "must not be blank"),
    /** A title has at most {@value #MAX_TITLE_LENGTH} characters. */
    POSTS_TITLE_LENGTH("posts_title_length", Kind.CHECK, "title", atMost(Constraint.MAX_TITLE_LENGTH)),
    /** Content has a character that is not white space. */
    POSTS_CONTENT_NOT_BLANK("posts_content_not_blank", Kind.CHECK, "content", "must not be blank"),
    /** Content has at most {@value #MAX_CONTENT_LENGTH} characters. */
    POSTS_CONTENT_LENGTH("posts_content_length", Kind.CHECK, "content", atMost(Constraint.MAX_CONTENT_LENGTH));

    /** Longest title, in characters (code points, as PostgreSQL's {@code char_length} counts them). */
    public static final int MAX_TITLE_LENGTH = 200;
    /** Longest content, in characters. */
    public static final int MAX_CONTENT_LENGTH = 100_000;

    /** What kind of constraint it is, which decides the SQLSTATE PostgreSQL reports its violation with. */
    public enum Kind {
        /** A unique index or constraint: SQLSTATE 23505. */
        UNIQUE("23505"),
        /** A foreign key: SQLSTATE 23503. */
        FOREIGN_KEY("23503"),
        /** A check constraint: SQLSTATE 23514. */
        CHECK("23514");

        private final String sqlState;

        Kind(String sqlState) {
            this.sqlState = sqlState;
        }

        /** The SQLSTATE of a violation. */
        public String sqlState() {
            return sqlState;
        }
    }

    /** What Citus appends to a constraint's name on a shard: {@code _} and the shard's id. */
    private static final Pattern SHARD_SUFFIX = Pattern.compile("_[0-9]+");

    private final String constraintName;
    private final Kind kind;
    private final String field;
    private final String rule;

    Constraint(String constraintName, Kind kind, String field, String rule) {
        this.constraintName = constraintName;
        this.kind = kind;
        this.field = field;
        this.rule = rule;
    }

    /** The constraint's (or unique index's) name in the schema. */
    public String constraintName() {
        return constraintName;
    }

    /** What kind of constraint it is. */
    public Kind kind() {
        return kind;
    }

    /** The argument it guards, as {@link InvalidInputException#field()} names it. */
    public String field() {
        return field;
    }

    /** What the field must be, as a phrase that follows its name: "must not be blank". */
    public String rule() {
        return rule;
    }

    /**
     * The constraint PostgreSQL named in a violation of {@code kind}, if it is one of these. The name
     * may carry a shard's suffix, an underscore and the shard's id ({@code users_email_lower_key_102008}),
     * as Citus reports a violation on a worker's shard: the constraint is the same.
     */
    public static Optional<Constraint> violated(Kind kind, String constraintName) {
        for (Constraint constraint : values()) {
            if (constraint.kind == kind && constraint.isNamedBy(constraintName)) {
                return Optional.of(constraint);
            }
        }
        return Optional.empty();
    }

    private boolean isNamedBy(String reported) {
        if (reported == null || !reported.startsWith(constraintName)) {
            return false;
        }
        String suffix = reported.substring(constraintName.length());
        return suffix.isEmpty() || SHARD_SUFFIX.matcher(suffix).matches();
    }

    private static String atMost(int characters) {
        return "must be at most " + characters + " characters";
    }
}
