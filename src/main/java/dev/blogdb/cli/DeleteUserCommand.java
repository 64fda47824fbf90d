package dev.blogdb.cli;

import dev.blogdb.BlogDb;
import dev.blogdb.user.DeletionPreview;
import dev.blogdb.user.User;
import dev.blogdb.user.UserDeletion;

import java.io.PrintWriter;
import java.util.Optional;

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
 * {@code --dry-run} only says what would go; {@code --batch-size N} deletes the posts N at a time,
 * each batch its own transaction, for users with very many posts.
 */
@Command(
        name = "delete-user",
        description = {
            "Deletes a user and, by ON DELETE CASCADE, all their posts; says how many posts went.",
            "Asks for confirmation on a terminal; without one, it needs --yes.",
            "--dry-run says what would be deleted and changes nothing.",
            "--batch-size N deletes the posts N at a time, each batch its own short transaction,"
                    + " with a progress bar on a terminal; new posts for the user are refused from the start,"
                    + " and running it again resumes an interrupted deletion."
        })
final class DeleteUserCommand implements Runnable {

    private UserRef user;

    @Option(names = "--yes", description = "Delete without asking.")
    private boolean yes;

    @Option(names = "--dry-run", description = "Say what would be deleted; change nothing.")
    private boolean dryRun;

    private int batchSize;

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

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            description = "Delete the posts N at a time, each batch in its own transaction.")
    private void batchSize(int posts) {
        batchSize = ValueRanges.atLeast(spec, "--batch-size", 1, posts);
    }

    @Parameters(paramLabel = "EMAIL|ID", description = "The user's email (in any letter case) or id.")
    private void user(String given) {
        user = UserRef.parse(given, spec);
    }

    @Override
    public void run() {
        if (dryRun) {
            preview();
            return;
        }
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
            UserDeletion deletion = (batchSize > 0
                            ? deleteInBatches(blog, doomed)
                            : blog.users().delete(doomed.id()))
                    .orElseThrow(() ->
                            new CommandFailure("no user with id " + doomed.id().value() + ": deleted meanwhile"));
            PrintWriter out = spec.commandLine().getOut();
            if (output.json()) {
                ObjectNode json = Json.object();
                json.set("user", Json.user(deletion.user()));
                json.put("postsDeleted", deletion.postsDeleted());
                Json.print(out, json);
            } else if (batchSize > 0) {
                out.printf(
                        "Deleted user %d (%s) and %s, in batches of %,d.%n",
                        deletion.user().id().value(),
                        deletion.user().email(),
                        Counted.of(deletion.postsDeleted(), "post"),
                        batchSize);
            } else {
                out.printf(
                        "Deleted user %d (%s); the cascade removed %s.%n",
                        deletion.user().id().value(),
                        deletion.user().email(),
                        Counted.of(deletion.postsDeleted(), "post"));
            }
        }
    }

    /** Reads the user and counts their posts, in one statement, and changes nothing; needs no --yes. */
    private void preview() {
        // It only reads, but it is aimed at a database to change: the same explicit name is asked for.
        try (BlogDb blog = database.openForWriting()) {
            User found = user.find(blog.users());
            DeletionPreview preview = blog.users()
                    .previewDelete(found.id())
                    .orElseThrow(() ->
                            new CommandFailure("no user with id " + found.id().value() + ": deleted meanwhile"));
            PrintWriter out = spec.commandLine().getOut();
            if (output.json()) {
                ObjectNode json = Json.object();
                json.set("user", Json.user(preview.user()));
                json.put("postsWouldBeDeleted", preview.posts());
                Json.print(out, json);
            } else {
                out.printf(
                        "Would delete user %d (%s) and, by the cascade, %s. Nothing was changed (--dry-run).%n",
                        preview.user().id().value(), preview.user().email(), Counted.of(preview.posts(), "post"));
            }
        }
    }

    private Optional<UserDeletion> deleteInBatches(BlogDb blog, User doomed) {
        Progress progress = environment.terminal().isPresent()
                ? new ProgressBar(spec.commandLine().getErr(), "posts", System::nanoTime)
                : Progress.none();
        try {
            return blog.users().deleteInBatches(doomed.id(), batchSize, progress::update);
        } finally {
            progress.finish();
        }
    }

    private void confirm(BlogDb blog, User doomed) {
        // The number only informs the question: the deletion counts again, exactly, what the cascade removes.
        int posts = blog.posts().countByAuthor(doomed.id());
        String answer = environment
                .terminal()
                .orElseThrow()
                .ask(String.format(
                        "Delete user %d (%s) and their %s%s? [y/N] ",
                        doomed.id().value(),
                        doomed.email(),
                        Counted.of(posts, "post"),
                        batchSize > 0 ? String.format(", %,d posts at a time", batchSize) : ""))
                .orElse("")
                .strip();
        if (!answer.equalsIgnoreCase("y") && !answer.equalsIgnoreCase("yes")) {
            throw new CommandFailure("not deleted: the answer was not yes");
        }
    }
}
