package dev.blogdb.cli;

import dev.blogdb.core.BlogDbException;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;

import org.postgresql.util.PSQLException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * How a failed command is reported: one line on standard error, {@code blogdb: } and what went
 * wrong, and exit code 1; with {@code --verbose}, the stack trace too. The person's own errors
 * ({@link CommandFailure}) and blogdb's exceptions read as they are (the library has already
 * worded the database's refusals it knows: a statement timeout or a lost connection reads the same
 * from every command); another refusal of the database reads in the server's words; any other
 * exception is a bug in blogdb, and says so.
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
    static String describe(Throwable failure) {
        if (failure instanceof CommandFailure) {
            return oneLine(failure.getMessage());
        }
        BlogDbException known = causeOfType(failure, BlogDbException.class);
        if (known != null) {
            return oneLine(known.getMessage());
        }
        SQLException sql = causeOfType(failure, SQLException.class);
        if (sql != null) {
            return describeRefusal(sql);
        }
        return "unexpected " + failure.getClass().getSimpleName() + ": " + oneLine(String.valueOf(failure.getMessage()))
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

    /** {@code failure} or the first of its causes that is a {@code type}, or null. */
    private static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    /** A refusal that blogdb has no exception of its own for, in the server's words. */
    private static String describeRefusal(SQLException sql) {
        String message = sql instanceof PSQLException psql && psql.getServerErrorMessage() != null
                ? psql.getServerErrorMessage().getMessage()
                : sql.getMessage();
        if ("42P01".equals(sql.getSQLState())) { // undefined_table
            return "the database has no blogdb schema (" + oneLine(message) + "): run blogdb migrate on it first";
        }
        return "the database refused: " + oneLine(message);
    }

    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
