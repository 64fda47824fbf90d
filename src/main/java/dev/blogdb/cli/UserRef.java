package dev.blogdb.cli;

import dev.blogdb.core.UserId;
import dev.blogdb.user.User;
import dev.blogdb.user.UserRepository;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * A user as named on the command line: by id (digits only), or by email (an email always has an @).
 *
 * @param given what was given
 * @param id    the id, if {@code given} is one; null for an email
 */
record UserRef(String given, UserId id) {

    /**
     * Reads {@code given} as picocli parses the command line, so that an impossible id is a usage
     * error found before any connection.
     *
     * @param command the command it was given to
     * @throws ParameterException if it is digits that are no user id: zero, or too long for a bigint
     */
    static UserRef parse(String given, CommandSpec command) {
        if (!given.matches("[0-9]+")) {
            return new UserRef(given, null);
        }
        try {
            return new UserRef(given, new UserId(Long.parseLong(given)));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(
                    command.commandLine(),
                    "a user id is a whole number from 1 to " + Long.MAX_VALUE + ", was " + given);
        }
    }

    /**
     * The user, who must exist.
     *
     * @throws CommandFailure if there is no such user
     */
    User find(UserRepository users) {
        if (id != null) {
            return users.findById(id).orElseThrow(() -> new CommandFailure("no user with id " + given));
        }
        return users.findByEmail(given).orElseThrow(() -> new CommandFailure("no user with email " + given.strip()));
    }
}
