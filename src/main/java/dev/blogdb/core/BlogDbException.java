package dev.blogdb.core;

/**
 * The root of the exceptions blogdb throws for outcomes a caller can act on: bad input, a duplicate
 * email, an unknown author, an unavailable database. Nothing else escapes for an expected case.
 */
public abstract class BlogDbException extends RuntimeException {

    /** @param message what happened, in one line a caller can show */
    protected BlogDbException(String message) {
        super(message);
    }

    /**
     * @param message what happened, in one line a caller can show
     * @param cause   the underlying failure
     */
    protected BlogDbException(String message, Throwable cause) {
        super(message, cause);
    }
}
