package dev.blogdb.cli;

import dev.blogdb.BlogDb;
import dev.blogdb.server.ConnectionSettings;
import dev.blogdb.user.User;

import java.io.IOException;
import java.util.Optional;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code blogdb add-user EMAIL}: creates a user. The password is never an argument, which the
 * process list would show: it is asked for on a terminal, else read as one line of standard input;
 * but never read from a terminal that would show it as it is typed.
 */
@Command(
        name = "add-user",
        description = {
            "Creates a user; the password is asked for on a terminal, else read from standard input.",
            "On a terminal it is asked for twice; otherwise it is the first line of standard input:",
            "  echo 'correct horse battery' | blogdb add-user ada@example.com"
        })
final class AddUserCommand implements Runnable {

    @Parameters(paramLabel = "EMAIL", description = "The new user's email.")
    private String email;

    @Mixin
    private DatabaseOptions database;

    @Mixin
    private OutputOptions output;

    @Spec
    private CommandSpec spec;

    private final Environment environment;

    AddUserCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void run() {
        ConnectionSettings target = database.targetForWriting();
        String password = password();
        try (BlogDb blog = database.open(target)) {
            User user = blog.users().create(email, password);
            if (output.json()) {
                Json.print(spec.commandLine().getOut(), Json.user(user));
            } else {
                spec.commandLine()
                        .getOut()
                        .printf("Created user %d: %s%n", user.id().value(), user.email());
            }
        }
    }

    private String password() {
        if (environment.terminal().isPresent()) {
            Terminal terminal = environment.terminal().get();
            String password =
                    terminal.askSecret("Password for " + email.strip() + ": ").orElse("");
            String again = terminal.askSecret("The same again: ").orElse("");
            if (!password.equals(again)) {
                throw new CommandFailure("the two passwords differ: no user created");
            }
            return password;
        }
        if (environment.standardInputIsTerminal()) {
            throw new CommandFailure(
                    "standard input is a terminal but standard output is not, so there is no console to ask for"
                            + " the password without showing it: pipe it in (echo PASSWORD | blogdb add-user EMAIL ...),"
                            + " or leave standard output on the terminal");
        }
        Optional<String> line;
        try {
            line = Optional.ofNullable(environment.standardInput().readLine());
        } catch (IOException e) {
            throw new CommandFailure("cannot read the password from standard input: " + e.getMessage(), e);
        }
        return line.orElseThrow(() -> new CommandFailure(
                "no password: with no terminal attached, add-user reads it as the first line of standard input"));
    }
}
