package dev.blogdb.migration;

import dev.blogdb.core.BlogDbException;

import java.util.List;

/**
 * Applying, rolling back or inspecting the changelog failed: the database refused a changeset, the
 * role lacks the rights, or the changelog cannot be read. Liquibase commits each changeset on its
 * own, so the changesets done before the failure stay done: {@link #doneBeforeFailure()} lists them,
 * and the message ends with their ids. A lost connection, a statement timeout or a conflict before
 * anything was done is the exception any other call gives for it
 * ({@link dev.blogdb.core.DatabaseUnavailableException} and so on) instead.
 */
public final class MigrationException extends BlogDbException {

    private final List<Changeset> doneBeforeFailure;

    /**
     * @param message           what failed, and why
     * @param cause             Liquibase's or the driver's failure
     * @param doneBeforeFailure the changesets applied (or rolled back) before the failure, in that order
     */
    public MigrationException(String message, Throwable cause, List<Changeset> doneBeforeFailure) {
        super(message, cause);
        this.doneBeforeFailure = List.copyOf(doneBeforeFailure);
    }

    /** The changesets applied, or rolled back, before the failure: they stay so. */
    public List<Changeset> doneBeforeFailure() {
        return doneBeforeFailure;
    }
}
