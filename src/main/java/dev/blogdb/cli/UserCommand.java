package dev.blogdb.cli;

import dev.blogdb.BlogDb;
import dev.blogdb.core.Page;
import dev.blogdb.core.PageRequest;
import dev.blogdb.post.Post;
import dev.blogdb.user.User;

import java.io.PrintWriter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code blogdb user EMAIL|ID}: one user and a page of their posts. */
@Command(name = "user", description = "Shows one user, by email or id, with their posts (drafts too), newest first.")
final class UserCommand implements Runnable {

    private UserRef user;

    @Mixin
    private PageOptions paging;

    @Mixin
    private DatabaseOptions database;

    @Mixin
    private OutputOptions output;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "EMAIL|ID", description = "The user's email (in any letter case) or id.")
    private void user(String given) {
        user = UserRef.parse(given, spec);
    }

    @Override
    public void run() {
        PageRequest page = paging.request();
        try (BlogDb blog = database.openForReading()) {
            User found = user.find(blog.users());
            Page<Post> posts = blog.posts().findByAuthor(found.id(), page);
            PrintWriter out = spec.commandLine().getOut();
            if (output.json()) {
                ObjectNode json = Json.object();
                json.set("user", Json.user(found));
                json.set("posts", Json.page(posts, Json::post));
                Json.print(out, json);
                return;
            }
            out.printf("User %d: %s, created %s%n", found.id().value(), found.email(), Table.time(found.createdAt()));
            if (posts.items().isEmpty()) {
                paging.printNone(out, "posts");
            } else {
                Tables.posts(posts.items()).printTo(out, "");
            }
            paging.printNext(out, posts, "blogdb user " + found.id().value());
        }
    }
}
