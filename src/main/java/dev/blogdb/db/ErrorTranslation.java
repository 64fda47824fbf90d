package dev.blogdb.db;

import dev.blogdb.ConcurrencyConflictException;
import dev.blogdb.DatabaseUnavailableException;
import dev.blogdb.InvalidInputException;
import dev.blogdb.StatementTimeoutException;
import dev.blogdb.post.UnknownAuthorException;
import dev.blogdb.user.DuplicateEmailException;
import dev.blogdb.user.UserId;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
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
 * place for every statement: 23505 on {@code users_email_lower_key} is a
 * {@link DuplicateEmailException}, 23503 on {@code posts_user_id_fkey} an
 * {@link UnknownAuthorException}, 23514 on a check constraint an {@link InvalidInputException};
 * 40001 and 40P01 a {@link ConcurrencyConflictException}, 57014 a {@link StatementTimeoutException},
 * and a lost connection (class 08, 57P01 to 57P03) a {@link DatabaseUnavailableException}.
 * jOOQ 3.19's {@code IntegrityConstraintViolationException} cannot tell these apart: the
 * {@link SQLException}'s state and the server's constraint name can.
 */
public final class ErrorTranslation implements ExecuteListener {

    private static final ErrorTranslation INSTANCE = new ErrorTranslation();

    /** The field and rule that a check constraint enforces. */
    private record Rule(String field, String rule) {
    }

    private static final Map<String, Rule> CHECKS = Map.of(
            "users_email_format", new Rule("email", "must have the form local-part@domain, with exactly one @"),
            "users_password_hash_format", new Rule("password_hash", "must be a PHC hash string"),
            "posts_title_not_blank", new Rule("title", "must not be blank"),
            "posts_title_length", new Rule("title", "must be at most 200 characters"),
            "posts_content_not_blank", new Rule("content", "must not be blank"),
            "posts_content_length", new Rule("content", "must be at most 100000 characters"));

    /** PostgreSQL's detail for key violations: Key (column)=(value) already exists / is not present... */
    private static final Pattern KEY_VALUE = Pattern.compile("^Key \\(.*?\\)=\\((.*)\\) (?:already exists|is not present)");

    private ErrorTranslation() {
    }

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
            return new DatabaseUnavailableException("lost the connection to the database: " + exception.getMessage(), exception);
        }
        String state = exception.getSQLState();
        switch (state) {
            case "40001", "40P01" -> {
                return new ConcurrencyConflictException("PostgreSQL aborted the transaction: " + exception.getMessage(), exception);
            }
            case "57014" -> {
                return new StatementTimeoutException("PostgreSQL cancelled a statement: " + exception.getMessage(), exception);
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
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }

    private static RuntimeException translateConstraintViolation(SQLException exception, String state) {
        if (!(exception instanceof PSQLException psql) || psql.getServerErrorMessage() == null) {
            return null;
        }
        ServerErrorMessage message = psql.getServerErrorMessage();
        String constraint = String.valueOf(message.getConstraint());
        return switch (state) {
            case "23505" -> constraint.equals("users_email_lower_key") ? new DuplicateEmailException(keyValue(message)) : null;
            case "23503" -> constraint.equals("posts_user_id_fkey") ? unknownAuthor(message) : null;
            case "23514" -> {
                Rule rule = CHECKS.get(constraint);
                yield rule == null ? null : new InvalidInputException(rule.field(), rule.rule());
            }
            default -> null;
        };
    }

    private static RuntimeException unknownAuthor(ServerErrorMessage message) {
        try {
            return new UnknownAuthorException(new UserId(Long.parseLong(keyValue(message))));
        } catch (IllegalArgumentException e) { // a detail that names no user id: leave it to jOOQ
            return null;
        }
    }

    private static String keyValue(ServerErrorMessage message) {
        Matcher matcher = KEY_VALUE.matcher(String.valueOf(message.getDetail()));
        return matcher.find() ? matcher.group(1) : "?";
    }
}
