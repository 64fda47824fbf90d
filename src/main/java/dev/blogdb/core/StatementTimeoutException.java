package dev.blogdb.core;

/**
 * A statement ran longer than the statement timeout and PostgreSQL cancelled it; its transaction
 * was rolled back, so nothing of it remains. See {@link dev.blogdb.BlogDb.Builder#statementTimeout}.
 */
public final class StatementTimeoutException extends BlogDbException {

    /**
     * @param message what was cancelled
     * @param cause   the driver's report
     */
    public StatementTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
