package dev.blogdb.cli;

/**
 * A command could not do what it was asked, for a reason the person running it can act on: the
 * message says what, in one line. The command line reports it on standard error and exits with 1.
 */
final class CommandFailure extends RuntimeException {

    CommandFailure(String message) {
        super(message);
    }

    CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
