package dev.blogdb;

/**
 * The root of the exceptions blogdb throws for outcomes a caller can act on: bad input, a duplicate
 * email, an unknown author, an unavailable database. Nothing else escapes for an expected case.
 */
public abstract class BlogDbException extends RuntimeException {

    protected BlogDbException(String message) {
        super(message);
    }

    protected BlogDbException(String message, Throwable cause) {
        super(message, cause);
    }
}
