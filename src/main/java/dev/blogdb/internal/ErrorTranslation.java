package dev.blogdb.internal;

import dev.blogdb.core.AuthorBeingDeletedException;
import dev.blogdb.core.ConcurrencyConflictException;
import dev.blogdb.core.Constraint;
import dev.blogdb.core.DatabaseUnavailableException;
import dev.blogdb.core.DuplicateEmailException;
import dev.blogdb.core.InvalidInputException;
import dev.blogdb.core.StatementTimeoutException;
import dev.blogdb.core.UnknownAuthorException;
import dev.blogdb.core.UserId;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns PostgreSQL's refusals into blogdb's exceptions, by SQLSTATE and constraint name, in one
 * place for every statement: a violation of a {@link Constraint} is a
 * {@link DuplicateEmailException} ({@code users_email_lower_key}), an {@link UnknownAuthorException}
 * ({@code posts_user_id_fkey}) or an {@link InvalidInputException} naming the field (each check);
 * 40001 and 40P01 a {@link ConcurrencyConflictException}, BD001 (a post for a user being deleted) an
 * {@link AuthorBeingDeletedException}, 57014 a {@link StatementTimeoutException},
 * and a lost connection (class 08, 57P01 to 57P03) a {@link DatabaseUnavailableException}.
 * jOOQ 3.19's {@code IntegrityConstraintViolationException} cannot tell these apart: the
 * {@link SQLException}'s state and the server's constraint name can.
 */
public final class ErrorTranslation implements ExecuteListener {

    private static final ErrorTranslation INSTANCE = new ErrorTranslation();

    /** PostgreSQL's detail for key violations: Key (column)=(value) already exists / is not present... */
    private static final Pattern KEY_VALUE =
            Pattern.compile("^Key \\(.*?\\)=\\((.*)\\) (?:already exists|is not present)");

    private ErrorTranslation() {}

    /**
     * {@code dsl}, translating the failures of its statements and of its transactions' begin, commit
     * and rollback (which jOOQ runs outside any statement), unless it does already.
     */
    public static DSLContext applyTo(DSLContext dsl) {
        Configuration configuration = dsl.configuration();
        boolean present = Arrays.stream(configuration.executeListenerProviders())
                .anyMatch(provider -> provider.provide() == INSTANCE);
        if (present) {
            return dsl;
        }
        return configuration
                .derive(new TranslatingTransactionProvider(configuration.transactionProvider()))
                .deriveAppending(INSTANCE)
                .dsl();
    }

    @Override
    public void exception(ExecuteContext context) {
        RuntimeException translated = translate(sqlExceptionOf(context));
        if (translated != null) {
            context.exception(translated);
        }
    }

    /** The {@link SQLException} behind a failed statement: jOOQ's own, or the one its exception wraps. */
    public static SQLException sqlExceptionOf(ExecuteContext context) {
        return context.sqlException() != null ? context.sqlException() : sqlExceptionIn(context.exception());
    }

    /** The {@link SQLException} behind a jOOQ failure (jOOQ wraps some, such as one while reading a row), or null. */
    public static SQLException sqlExceptionIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    /** {@code failure} as blogdb's exception where it is one blogdb expects, else as it was. */
    public static RuntimeException translated(RuntimeException failure) {
        RuntimeException translated = translate(sqlExceptionIn(failure));
        return translated == null ? failure : translated;
    }

    /** blogdb's exception for this failure, or null where it is not one blogdb expects. */
    public static RuntimeException translate(SQLException exception) {
        if (exception == null || exception.getSQLState() == null) {
            return null;
        }
        if (isConnectionLost(exception)) {
            return new DatabaseUnavailableException(
                    "lost the connection to the database: " + exception.getMessage(), exception);
        }
        String state = exception.getSQLState();
        switch (state) {
            case "40001", "40P01" -> {
                return new ConcurrencyConflictException(
                        "PostgreSQL aborted the transaction: " + exception.getMessage(), exception);
            }
            case "57014" -> {
                return new StatementTimeoutException(
                        "PostgreSQL cancelled a statement: " + exception.getMessage(), exception);
            }
            case AuthorBeingDeletedException.SQL_STATE -> {
                return authorBeingDeleted(exception);
            }
            default -> {
                return translateConstraintViolation(exception, state);
            }
        }
    }

    /**
     * Whether the failure means the connection is gone: SQLSTATE class 08 (connection exception) or
     * 57P01 to 57P03 (the server shut down, crashed or is starting).
     */
    public static boolean isConnectionLost(SQLException exception) {
        String state = exception == null ? null : exception.getSQLState();
        return state != null
                && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }

    private static RuntimeException translateConstraintViolation(SQLException exception, String state) {
        if (!(exception instanceof PSQLException psql) || psql.getServerErrorMessage() == null) {
            return null;
        }
        ServerErrorMessage message = psql.getServerErrorMessage();
        for (Constraint.Kind kind : Constraint.Kind.values()) {
            if (kind.sqlState().equals(state)) {
                return Constraint.violated(kind, String.valueOf(message.getConstraint()))
                        .map(constraint -> violationOf(constraint, message))
                        .orElse(null);
            }
        }
        return null;
    }

    private static RuntimeException violationOf(Constraint constraint, ServerErrorMessage message) {
        return switch (constraint) {
            case USERS_EMAIL_UNIQUE -> new DuplicateEmailException(keyValue(message));
            case POSTS_AUTHOR_EXISTS -> unknownAuthor(message);
            default -> new InvalidInputException(constraint.field(), constraint.rule());
        };
    }

    private static RuntimeException unknownAuthor(ServerErrorMessage message) {
        try {
            return new UnknownAuthorException(new UserId(Long.parseLong(keyValue(message))));
        } catch (IllegalArgumentException e) { // a detail that names no user id: leave it to jOOQ
            return null;
        }
    }

    /** The trigger puts the user's id, alone, in the error's detail. */
    private static RuntimeException authorBeingDeleted(SQLException exception) {
        if (!(exception instanceof PSQLException psql) || psql.getServerErrorMessage() == null) {
            return null;
        }
        try {
            return new AuthorBeingDeletedException(new UserId(
                    Long.parseLong(String.valueOf(psql.getServerErrorMessage().getDetail()))));
        } catch (IllegalArgumentException e) { // raised by something else than blogdb's trigger: leave it to jOOQ
            return null;
        }
    }

    private static String keyValue(ServerErrorMessage message) {
        Matcher matcher = KEY_VALUE.matcher(String.valueOf(message.getDetail()));
        return matcher.find() ? matcher.group(1) : "?";
    }
}
