package dev.blogdb.core;

/** The database could not be reached, or stopped answering, within blogdb's time limits. */
public final class DatabaseUnavailableException extends BlogDbException {

    /**
     * @param message which database, and what failed
     * @param cause   the driver's or the pool's failure
     */
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
