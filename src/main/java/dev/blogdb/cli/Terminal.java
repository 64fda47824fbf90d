package dev.blogdb.cli;

import java.util.Optional;

/** A person at a terminal, who can be asked for a line of text. */
interface Terminal {

    /** Shows {@code prompt} and returns the line typed, or empty at end of input. */
    Optional<String> ask(String prompt);

    /** As {@link #ask}, without showing what is typed: for passwords. */
    Optional<String> askSecret(String prompt);
}
