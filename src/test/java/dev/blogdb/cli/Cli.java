package dev.blogdb.cli;

import dev.blogdb.server.Settings;
import dev.blogdb.server.ThrowawayDatabase;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;

/**
 * Runs the command line in this JVM, as a test sets it up: no environment variables, no terminal
 * and empty standard input unless given, and what it prints captured.
 */
final class Cli {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> variables;
    private final Optional<Terminal> terminal;
    private final String input;
    private final boolean inputIsTerminal;

    private Cli(Map<String, String> variables, Optional<Terminal> terminal, String input, boolean inputIsTerminal) {
        this.variables = variables;
        this.terminal = terminal;
        this.input = input;
        this.inputIsTerminal = inputIsTerminal;
    }

    /** A command line with nothing around it: no variables, no terminal, nothing on standard input. */
    static Cli plain() {
        return new Cli(Map.of(), Optional.empty(), "", false);
    }

    Cli withVariables(Map<String, String> variables) {
        return new Cli(variables, terminal, input, inputIsTerminal);
    }

    Cli withTerminal(Terminal terminal) {
        return new Cli(variables, Optional.of(terminal), input, true);
    }

    Cli withInput(String input) {
        return new Cli(variables, terminal, input, inputIsTerminal);
    }

    /** Standard input is a terminal, typed {@code input}, with no {@link Terminal} to hide it: Java 17 with standard output redirected. */
    Cli withTypedInputAndNoConsole(String input) {
        return new Cli(variables, Optional.empty(), input, true);
    }

    /** Runs {@code blogdb args...}. */
    Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine blogdb = BlogDbCli.commandLine(new Environment(
                Settings.ofVariables(variables),
                terminal,
                new BufferedReader(new StringReader(input)),
                inputIsTerminal));
        blogdb.setOut(new PrintWriter(out, true));
        blogdb.setErr(new PrintWriter(err, true));
        int exitCode = blogdb.execute(args);
        return new Outcome(exitCode, out.toString(), err.toString());
    }

    /** Runs {@code blogdb args...} against {@code database}, named by --jdbc-url. */
    Outcome run(ThrowawayDatabase database, String... args) {
        return run(on(database, args));
    }

    /** {@code args} followed by the options that name {@code database}. */
    static String[] on(ThrowawayDatabase database, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--jdbc-url", database.jdbcUrl(), "--user", database.user()));
        database.settings().password().ifPresent(password -> all.addAll(List.of("--password", password)));
        return all.toArray(String[]::new);
    }

    /**
     * What a run did.
     *
     * @param exitCode its exit code
     * @param out      what it printed on standard output
     * @param err      what it printed on standard error
     */
    record Outcome(int exitCode, String out, String err) {

        /** Standard output, parsed as JSON. */
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON: " + out, e);
            }
        }
    }
}
