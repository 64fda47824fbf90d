package dev.blogdb.cli;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code blogdb} command line: the program in {@code target/blogdb.jar}. It migrates, inspects
 * and cleans a blogdb database through the repository API, and gives a newcomer a demo tour.
 *
 * <p>Exit codes: 0 when done; 1 when the input, the database or its absence said no, with one line
 * on standard error; 2 for a usage error, such as an unknown option; 3 when {@code verify} finds that
 * the database does not match what blogdb expects.
 */
@Command(
        name = "blogdb",
        description = "Migrate, inspect and clean a blogdb database; or take the tour: blogdb demo.",
        subcommands = {
            DemoCommand.class,
            MigrateCommand.class,
            StatusCommand.class,
            VerifyCommand.class,
            RollbackCommand.class,
            SeedCommand.class,
            AddUserCommand.class,
            UsersCommand.class,
            UserCommand.class,
            FeedCommand.class,
            PostCommand.class,
            DeleteUserCommand.class
        },
        footerHeading = "%nThe database:%n",
        // Footer lines are not wrapped well by picocli: each stays within 80 columns.
        footer = {
            "  --jdbc-url, else $BLOGDB_JDBC_URL, else one made of $PGHOST, $PGPORT and",
            "  $PGDATABASE (libpq's defaults: localhost, 5432, the user's name).",
            "  Commands that change data need it named: by --jdbc-url, $BLOGDB_JDBC_URL",
            "  or $PGDATABASE. The demo brings its own throwaway database.",
            "%nExit codes:",
            "  0  done",
            "  1  the input or the database said no, or the database is unreachable:",
            "     one line on standard error",
            "  2  usage error",
            "  3  verify: the database does not match what blogdb expects"
        })
public final class BlogDbCli implements Runnable {

    @Option(
            names = "--verbose",
            scope = ScopeType.INHERIT,
            description = "On failure, print the stack trace too; and show the libraries' logs.")
    private boolean verbose;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            scope = ScopeType.INHERIT,
            description = "Show this help.")
    private boolean help;

    @Spec
    private CommandSpec spec;

    /** Runs the command line in this process, and exits with its exit code. */
    public static void main(String... args) {
        CommandLine commandLine = commandLine(Environment.ofThisProcess());
        BlogDbCli blogdb = commandLine.getCommand();
        commandLine.setExecutionStrategy(parseResult -> {
            ProcessLogging.configure(blogdb.verbose);
            return new CommandLine.RunLast().execute(parseResult);
        });
        System.exit(commandLine.execute(args));
    }

    /**
     * The command line, ready to {@link CommandLine#execute execute}, over {@code environment}.
     * Its output goes to {@link CommandLine#getOut()} and {@link CommandLine#getErr()}, which
     * tests replace.
     */
    static CommandLine commandLine(Environment environment) {
        BlogDbCli blogdb = new BlogDbCli();
        CommandLine commandLine = new CommandLine(blogdb, new EnvironmentFactory(environment));
        commandLine.setExecutionExceptionHandler(new Failures(() -> blogdb.verbose));
        commandLine.setParameterExceptionHandler(BlogDbCli::usageError);
        return commandLine;
    }

    /** Whether {@code --verbose} was given. */
    boolean verbose() {
        return verbose;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: try blogdb demo");
    }

    /** A usage error in one line, and where help is, rather than the whole usage text. */
    private static int usageError(ParameterException exception, String[] args) {
        CommandLine commandLine = exception.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("blogdb: " + exception.getMessage());
        UnmatchedArgumentException.printSuggestions(exception, err);
        err.println("See: " + commandLine.getCommandSpec().qualifiedName() + " --help");
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Makes commands and options, handing the {@link Environment} to those that take it. */
    private record EnvironmentFactory(Environment environment) implements IFactory {

        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == Environment.class) {
                    constructor.setAccessible(true);
                    return type.cast(constructor.newInstance(environment));
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
