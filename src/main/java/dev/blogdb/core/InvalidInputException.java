package dev.blogdb.core;

/**
 * An argument broke a rule: {@link #field()} names the argument (for example {@code "email"} or
 * {@code "title"}) and {@link #rule()} says, in words, what it must be. Thrown before any SQL is
 * sent, or translated from the check constraint that enforces the same rule in the database.
 */
public final class InvalidInputException extends BlogDbException {

    private final String field;
    private final String rule;

    /**
     * @param field the argument that broke the rule
     * @param rule  what the argument must be, as a phrase that follows the field's name
     */
    public InvalidInputException(String field, String rule) {
        super(field + " " + rule);
        this.field = field;
        this.rule = rule;
    }

    /** The argument that broke the rule. */
    public String field() {
        return field;
    }

    /** What the argument must be, for example "must not be blank". */
    public String rule() {
        return rule;
    }
}
