package dev.blogdb.core;

/** Another user already has this email, compared ignoring letter case. */
public final class DuplicateEmailException extends BlogDbException {

    private final String email;

    /** @param email the email that is taken */
    public DuplicateEmailException(String email) {
        super("a user with email " + email + " already exists (emails are compared ignoring letter case)");
        this.email = email;
    }

    /** The email that is taken, as PostgreSQL reported it (in lower case). */
    public String email() {
        return email;
    }
}
