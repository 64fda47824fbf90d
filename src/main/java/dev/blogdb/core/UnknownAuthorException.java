package dev.blogdb.core;

/** A post was written for a user that does not exist (or was deleted meanwhile). */
public final class UnknownAuthorException extends BlogDbException {

    private final UserId author;

    /** @param author the user id that names no user */
    public UnknownAuthorException(UserId author) {
        super("no user with id " + author.value() + ": a post needs an existing author");
        this.author = author;
    }

    /** The author that does not exist. */
    public UserId author() {
        return author;
    }
}
