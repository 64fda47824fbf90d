package dev.blogdb.core;

/**
 * The connection was lost while a transaction committed, and the database could not be asked within
 * the connect timeout whether the commit took place: the transaction may have committed or not.
 * Retrying blindly could apply its work twice. {@link #transactionId()} names the transaction, so
 * that once the database is back, {@code SELECT pg_xact_status('ID'::xid8)} tells which it was.
 */
public final class CommitOutcomeUnknownException extends BlogDbException {

    private final long transactionId;

    /**
     * @param transactionId the transaction's id ({@code pg_current_xact_id()}), a 64-bit xid8
     * @param message       what happened
     * @param cause         the failure of the commit
     */
    public CommitOutcomeUnknownException(long transactionId, String message, Throwable cause) {
        super(message, cause);
        this.transactionId = transactionId;
    }

    /** The transaction's 64-bit id ({@code xid8}) in PostgreSQL, to ask about it later. */
    public long transactionId() {
        return transactionId;
    }
}
