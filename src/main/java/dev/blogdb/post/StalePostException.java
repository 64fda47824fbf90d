package dev.blogdb.post;

import dev.blogdb.core.BlogDbException;

/**
 * An update named a version of a post that is no longer the current one: someone else changed the
 * post after the caller read it, so the update changed nothing rather than overwrite their change.
 * It lives here, not in {@code dev.blogdb.core} with the other exceptions, because it carries a
 * {@link Post} (as {@code MigrationException} lives with the changesets it carries).
 */
public final class StalePostException extends BlogDbException {

    private final long expectedVersion;
    private final Post current;

    /**
     * @param expectedVersion the version the update named
     * @param current         the post as it is now
     */
    public StalePostException(long expectedVersion, Post current) {
        super("post " + current.id().value() + " is at version " + current.version() + ", not " + expectedVersion
                + ": it changed after it was read, and nothing was updated");
        this.expectedVersion = expectedVersion;
        this.current = current;
    }

    /** The version the update named. */
    public long expectedVersion() {
        return expectedVersion;
    }

    /** The post as it is now, with its current version: merge into it, or show it, and update again. */
    public Post current() {
        return current;
    }
}
