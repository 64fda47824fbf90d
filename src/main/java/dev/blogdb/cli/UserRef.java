package dev.blogdb.cli;

import dev.blogdb.user.User;
import dev.blogdb.user.UserId;
import dev.blogdb.user.UserRepository;

import java.util.Optional;

/**
 * A user as named on the command line: by email, or by id (digits only; an email always has an @).
 *
 * @param given what was given
 */
record UserRef(String given) {

    /**
     * The user, who must exist.
     *
     * @throws CommandFailure if there is no such user, or an id is not a positive number
     */
    User find(UserRepository users) {
        Optional<User> user;
        String description;
        if (given.matches("[0-9]+")) {
            user = users.findById(id(given));
            description = "id " + given;
        } else {
            user = users.findByEmail(given);
            description = "email " + given.strip();
        }
        return user.orElseThrow(() -> new CommandFailure("no user with " + description));
    }

    private static UserId id(String digits) {
        try {
            return new UserId(Long.parseLong(digits));
        } catch (IllegalArgumentException e) { // zero, or too long for a bigint
            throw new CommandFailure("a user id is a whole number from 1 to " + Long.MAX_VALUE + ", was " + digits);
        }
    }
}
