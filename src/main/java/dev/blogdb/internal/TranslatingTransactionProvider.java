package dev.blogdb.internal;

import org.jooq.TransactionContext;
import org.jooq.TransactionProvider;

/**
 * Translates the failures of beginning, committing and rolling back a transaction, which jOOQ
 * reports as its own DataAccessException: a commit whose connection was killed is a
 * {@link dev.blogdb.core.DatabaseUnavailableException} like any other lost connection.
 */
final class TranslatingTransactionProvider implements TransactionProvider {

    private final TransactionProvider delegate;

    TranslatingTransactionProvider(TransactionProvider delegate) {
        this.delegate = delegate;
    }

    @Override
    public void begin(TransactionContext context) {
        try {
            delegate.begin(context);
        } catch (RuntimeException e) {
            throw ErrorTranslation.translated(e);
        }
    }

    @Override
    public void commit(TransactionContext context) {
        try {
            delegate.commit(context);
        } catch (RuntimeException e) {
            throw ErrorTranslation.translated(e);
        }
    }

    @Override
    public void rollback(TransactionContext context) {
        try {
            delegate.rollback(context);
        } catch (RuntimeException e) {
            throw ErrorTranslation.translated(e);
        }
    }
}
