package dev.blogdb.core;

/**
 * A post was written for (or moved to) a user whose batched deletion has started: from its start
 * the database refuses every new post for that user, so that the deletion's count stays exact and
 * finishes. The user is gone once the deletion completes.
 */
public final class AuthorBeingDeletedException extends BlogDbException {

    /** The SQLSTATE with which the schema's triggers ({@code posts_new_author_not_being_deleted}, {@code posts_moved_author_not_being_deleted}) refuse such a post. */
    public static final String SQL_STATE = "BD001";

    private final UserId author;

    /** @param author the user being deleted */
    public AuthorBeingDeletedException(UserId author) {
        super("user " + author.value() + " is being deleted: it takes no new posts");
        this.author = author;
    }

    /** The user being deleted. */
    public UserId author() {
        return author;
    }
}
