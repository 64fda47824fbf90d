package dev.blogdb.cli;

import dev.blogdb.server.Settings;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a run of the command line reads from the world besides its arguments: environment
 * variables, standard input and, when a person sits at a terminal, that terminal. The program
 * takes it from the process; tests make their own.
 *
 * @param settings                blogdb's settings and the environment variables ({@code BLOGDB_JDBC_URL}, {@code PGHOST}, ...)
 * @param terminal                the terminal of a person who can be asked and shown progress, if there is one
 * @param standardInput           standard input, read where no terminal can be asked
 * @param standardInputIsTerminal whether standard input is a terminal, where what is typed shows
 *                                unless a {@code terminal} hides it
 */
record Environment(
        Settings settings, Optional<Terminal> terminal, BufferedReader standardInput, boolean standardInputIsTerminal) {

    /**
     * This process's environment. There is a terminal when {@link System#console()} says so: on
     * Java 17, when standard input and output are both a terminal, so piped runs stay quiet. With
     * only output redirected ({@code add-user ada@example.com --json > ada.json}) there is no
     * console, yet standard input is still the terminal: Linux tells that through {@code /proc};
     * elsewhere it is taken not to be one.
     */
    static Environment ofThisProcess() {
        Console console = System.console();
        Optional<Terminal> terminal = Optional.ofNullable(console).map(Environment::terminalOf);
        return new Environment(
                Settings.ofThisProcess(),
                terminal,
                new BufferedReader(new InputStreamReader(System.in)),
                console != null || standardInputIsTerminalOnLinux());
    }

    /** Whether this process's standard input is a terminal device, as its file descriptor 0 links to one; false without {@code /proc}. */
    private static boolean standardInputIsTerminalOnLinux() {
        try {
            String device = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
            return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty") || device.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static Terminal terminalOf(Console console) {
        return new Terminal() {
            @Override
            public Optional<String> ask(String prompt) {
                return Optional.ofNullable(console.readLine("%s", prompt));
            }

            @Override
            public Optional<String> askSecret(String prompt) {
                return Optional.ofNullable(console.readPassword("%s", prompt)).map(String::new);
            }
        };
    }
}
