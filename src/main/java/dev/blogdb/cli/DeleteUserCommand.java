package dev.blogdb.cli;

import dev.blogdb.BlogDb;
import dev.blogdb.user.User;
import dev.blogdb.user.UserDeletion;

import java.io.PrintWriter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code blogdb delete-user EMAIL|ID}: deletes a user, and with them, by the database's ON DELETE
 * CASCADE, all their posts. It asks first, unless told {@code --yes}; where it cannot ask, it refuses.
 */
@Command(
        name = "delete-user",
        description = {
            "Deletes a user and, by ON DELETE CASCADE, all their posts; says how many posts went.",
            "Asks for confirmation on a terminal; without one, it needs --yes."
        })
final class DeleteUserCommand implements Runnable {

    private UserRef user;

    @Option(names = "--yes", description = "Delete without asking.")
    private boolean yes;

    @Mixin
    private DatabaseOptions database;

    @Mixin
    private OutputOptions output;

    @Spec
    private CommandSpec spec;

    private final Environment environment;

    DeleteUserCommand(Environment environment) {
        this.environment = environment;
    }

    @Parameters(paramLabel = "EMAIL|ID", description = "The user's email (in any letter case) or id.")
    private void user(String given) {
        user = UserRef.parse(given, spec);
    }

    @Override
    public void run() {
        if (!yes && environment.terminal().isEmpty()) {
            throw new CommandFailure(
                    "delete-user deletes the user and all their posts, and there is no terminal to confirm on:"
                            + " pass --yes to delete without asking");
        }
        try (BlogDb blog = database.openForWriting()) {
            User doomed = user.find(blog.users());
            if (!yes) {
                confirm(blog, doomed);
            }
            UserDeletion deletion = blog.users()
                    .delete(doomed.id())
                    .orElseThrow(() ->
                            new CommandFailure("no user with id " + doomed.id().value() + ": deleted meanwhile"));
            PrintWriter out = spec.commandLine().getOut();
            if (output.json()) {
                ObjectNode json = Json.object();
                json.set("user", Json.user(deletion.user()));
                json.put("postsDeleted", deletion.postsDeleted());
                Json.print(out, json);
            } else {
                out.printf(
                        "Deleted user %d (%s); the cascade removed %s.%n",
                        deletion.user().id().value(),
                        deletion.user().email(),
                        Counted.of(deletion.postsDeleted(), "post"));
            }
        }
    }

    private void confirm(BlogDb blog, User doomed) {
        // The number only informs the question: the deletion counts again, exactly, what the cascade removes.
        int posts = blog.posts().countByAuthor(doomed.id());
        String answer = environment
                .terminal()
                .orElseThrow()
                .ask(String.format(
                        "Delete user %d (%s) and their %s? [y/N] ",
                        doomed.id().value(), doomed.email(), Counted.of(posts, "post")))
                .orElse("")
                .strip();
        if (!answer.equalsIgnoreCase("y") && !answer.equalsIgnoreCase("yes")) {
            throw new CommandFailure("not deleted: the answer was not yes");
        }
    }
}
