package dev.blogdb.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.util.Map;
import java.util.Optional;

/**
 * What a run of the command line reads from the world besides its arguments: environment
 * variables, standard input and, when a person sits at a terminal, that terminal. The program
 * takes it from the process; tests make their own.
 *
 * @param variables     the environment variables ({@code BLOGDB_JDBC_URL}, {@code PGHOST}, ...)
 * @param terminal      the terminal of a person who can be asked and shown progress, if there is one
 * @param standardInput standard input, read where no terminal can be asked
 */
public record Environment(Map<String, String> variables, Optional<Terminal> terminal, BufferedReader standardInput) {

    public Environment {
        variables = Map.copyOf(variables);
    }

    /**
     * This process's environment. There is a terminal when {@link System#console()} says so: on
     * Java 17, when standard input and output are both a terminal, so piped runs stay quiet.
     */
    public static Environment ofThisProcess() {
        Console console = System.console();
        Optional<Terminal> terminal = Optional.ofNullable(console).map(Environment::terminalOf);
        return new Environment(System.getenv(), terminal, new BufferedReader(new InputStreamReader(System.in)));
    }

    /** The variable's value, unless it is unset or blank. */
    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).map(String::strip).filter(value -> !value.isEmpty());
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
