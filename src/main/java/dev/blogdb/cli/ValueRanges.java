package dev.blogdb.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Range checks for numbers given on the command line, made by the options' setters as picocli
 * parses them: a value out of range is a usage error like a malformed one, exit code 2, and is
 * reported before any connection is tried.
 */
final class ValueRanges {

    private ValueRanges() {}

    /**
     * {@code value}, if it is at least {@code minimum}.
     *
     * @param command the command it was given to, whose help the error points at
     * @param name    what it is, as the error names it: {@code --count}
     * @throws ParameterException if it is smaller
     */
    static long atLeast(CommandSpec command, String name, long minimum, long value) {
        if (value < minimum) {
            throw new ParameterException(
                    command.commandLine(), name + " must be at least " + minimum + ", was " + value);
        }
        return value;
    }

    /** As {@link #atLeast(CommandSpec, String, long, long)}, for an int. */
    static int atLeast(CommandSpec command, String name, int minimum, int value) {
        return (int) atLeast(command, name, minimum, (long) value);
    }

    /**
     * {@code value}, if it is from {@code minimum} to {@code maximum}.
     *
     * @throws ParameterException if it is not
     */
    static int between(CommandSpec command, String name, int minimum, int maximum, int value) {
        if (value < minimum || value > maximum) {
            throw new ParameterException(
                    command.commandLine(), name + " must be between " + minimum + " and " + maximum + ", was " + value);
        }
        return value;
    }
}
