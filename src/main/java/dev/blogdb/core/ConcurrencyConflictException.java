package dev.blogdb.core;

/**
 * PostgreSQL aborted a transaction to resolve a conflict with a concurrent one: a deadlock
 * (SQLSTATE 40P01) or a serialization failure (40001). Nothing of the transaction remains.
 * {@link dev.blogdb.BlogDb#transaction} repeats such a transaction a bounded number of times before it lets
 * this exception through.
 */
public final class ConcurrencyConflictException extends BlogDbException {

    /**
     * @param message what conflicted
     * @param cause   the driver's report
     */
    public ConcurrencyConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
