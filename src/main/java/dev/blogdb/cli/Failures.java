package dev.blogdb.cli;

import dev.blogdb.BlogDbException;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;

import org.jooq.exception.DataAccessException;
import org.postgresql.util.PSQLException;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * How a failed command is reported: one line on standard error, {@code blogdb: } and what went
 * wrong, and exit code 1; with {@code --verbose}, the stack trace too. The person's own errors
 * ({@link CommandFailure}, blogdb's exceptions) and the database's refusals read as they are; any
 * other exception is a bug in blogdb, and says so.
 */
final class Failures implements IExecutionExceptionHandler {

    /** The exit code of a command that failed for the user's or the database's reason. */
    static final int EXIT_FAILURE = 1;

    private final BooleanSupplier verbose;

    Failures(BooleanSupplier verbose) {
        this.verbose = verbose;
    }

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        err.println("blogdb: " + describe(exception));
        if (verbose.getAsBoolean()) {
            exception.printStackTrace(err);
        }
        err.flush();
        return EXIT_FAILURE;
    }

    /** What went wrong, in one line. */
    static String describe(Throwable exception) {
        if (exception instanceof CommandFailure || exception instanceof BlogDbException) {
            return oneLine(exception.getMessage());
        }
        SQLException sql = sqlCause(exception);
        if (exception instanceof DataAccessException && sql != null) {
            return describe(sql);
        }
        return "unexpected " + exception.getClass().getSimpleName() + ": " + oneLine(String.valueOf(exception.getMessage()))
                + " (a bug in blogdb; --verbose shows where)";
    }

    /**
     * The innermost cause, which names the problem: the server's own words for an SQL exception
     * ("FATAL: password authentication failed ..."), else the exception's kind and message
     * ("UnknownHostException: db.example"), since a bare host name would not say what is wrong.
     */
    static String rootCause(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = oneLine(String.valueOf(root.getMessage()));
        return root instanceof SQLException ? message : root.getClass().getSimpleName() + ": " + message;
    }

    private static String describe(SQLException sql) {
        String state = String.valueOf(sql.getSQLState());
        String message = sql instanceof PSQLException psql && psql.getServerErrorMessage() != null
                ? psql.getServerErrorMessage().getMessage()
                : sql.getMessage();
        if (state.equals("42P01")) { // undefined_table
            return "the database has no blogdb schema (" + oneLine(message) + "): run blogdb migrate on it first";
        }
        if (state.startsWith("08")) { // connection_exception
            return "lost the connection to the database: " + oneLine(message);
        }
        return "the database refused: " + oneLine(message);
    }

    private static SQLException sqlCause(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
