package dev.blogdb.db;

import dev.blogdb.BlogDbException;

/**
 * Applying, rolling back or inspecting the changelog failed: the database refused a changeset, the
 * role lacks the rights, or the changelog cannot be read. A lost connection is a
 * {@link dev.blogdb.DatabaseUnavailableException} instead.
 */
public final class MigrationException extends BlogDbException {

    /**
     * @param message what failed, and why
     * @param cause   Liquibase's or the driver's failure
     */
    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
