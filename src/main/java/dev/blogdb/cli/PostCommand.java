package dev.blogdb.cli;

import dev.blogdb.BlogDb;
import dev.blogdb.core.Constraint;
import dev.blogdb.core.PostId;
import dev.blogdb.post.Post;
import dev.blogdb.user.User;

import java.io.PrintWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code blogdb post add|delete}: writes a post, or deletes one. */
@Command(
        name = "post",
        description = "Adds or deletes a post.",
        subcommands = {PostCommand.Add.class, PostCommand.Delete.class})
final class PostCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: post add or post delete");
    }

    /** {@code blogdb post add}: a new post by an existing user. */
    @Command(name = "add", description = "Adds a post by an existing user: published, unless --draft.")
    static final class Add implements Runnable {

        private UserRef author;

        @Option(
                names = "--title",
                required = true,
                description = "The title: at most " + Constraint.MAX_TITLE_LENGTH + " characters.")
        private String title;

        @Option(
                names = "--content",
                required = true,
                description = "The content: at most " + Constraint.MAX_CONTENT_LENGTH + " characters.")
        private String content;

        @Option(names = "--draft", description = "Keep it out of the feed.")
        private boolean draft;

        @Mixin
        private DatabaseOptions database;

        @Mixin
        private OutputOptions output;

        @Spec
        private CommandSpec spec;

        @Option(names = "--author", required = true, paramLabel = "EMAIL|ID", description = "The author's email or id.")
        private void author(String given) {
            author = UserRef.parse(given, spec);
        }

        @Override
        public void run() {
            try (BlogDb blog = database.openForWriting()) {
                User writer = author.find(blog.users());
                Post post = blog.posts().create(writer.id(), title, content, !draft);
                PrintWriter out = spec.commandLine().getOut();
                if (output.json()) {
                    Json.print(out, Json.post(post));
                } else {
                    out.printf(
                            "Added post %d by %s (user %d), %s.%n",
                            post.id().value(),
                            writer.email(),
                            writer.id().value(),
                            post.published() ? "published" : "a draft");
                }
            }
        }
    }

    /** {@code blogdb post delete ID}. */
    @Command(name = "delete", description = "Deletes a post.")
    static final class Delete implements Runnable {

        private long id;

        @Mixin
        private DatabaseOptions database;

        @Mixin
        private OutputOptions output;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The post's id.")
        private void id(long postId) {
            id = ValueRanges.atLeast(spec, "a post id", 1, postId);
        }

        @Override
        public void run() {
            try (BlogDb blog = database.openForWriting()) {
                if (!blog.posts().delete(new PostId(id))) {
                    throw new CommandFailure("no post with id " + id);
                }
                PrintWriter out = spec.commandLine().getOut();
                if (output.json()) {
                    Json.print(out, Json.object().put("deletedPostId", id));
                } else {
                    out.printf("Deleted post %d.%n", id);
                }
            }
        }
    }
}
