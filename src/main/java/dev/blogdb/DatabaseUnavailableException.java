package dev.blogdb;

/** The database could not be reached, or stopped answering, within blogdb's time limits. */
public final class DatabaseUnavailableException extends BlogDbException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
