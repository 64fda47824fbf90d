package dev.blogdb.cli;

import dev.blogdb.BlogDb;
import dev.blogdb.core.Page;
import dev.blogdb.core.PageRequest;
import dev.blogdb.post.UserWithPosts;
import dev.blogdb.user.User;

import java.io.PrintWriter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blogdb users}: a page of users, in the order they were created, with their posts if asked. */
@Command(name = "users", description = "Lists users in the order they were created, a page at a time.")
final class UsersCommand implements Runnable {

    @Option(names = "--with-posts", description = "Show each user's posts too, drafts included, newest first.")
    private boolean withPosts;

    @Mixin
    private PageOptions paging;

    @Mixin
    private DatabaseOptions database;

    @Mixin
    private OutputOptions output;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        PageRequest page = paging.request();
        try (BlogDb blog = database.openForReading()) {
            if (withPosts) {
                showWithPosts(blog.posts().findUsersWithPosts(page));
            } else {
                show(blog.users().findAll(page));
            }
        }
    }

    private void show(Page<User> page) {
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            Json.print(out, Json.page(page, Json::user));
            return;
        }
        if (page.items().isEmpty()) {
            paging.printNone(out, "users");
        } else {
            Tables.users(page.items()).printTo(out, "");
        }
        paging.printNext(out, page, "blogdb users");
    }

    private void showWithPosts(Page<UserWithPosts> page) {
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            Json.print(out, Json.page(page, item -> {
                ObjectNode user = Json.user(item.user());
                user.set("posts", Json.array(item.posts(), Json::post));
                return user;
            }));
            return;
        }
        if (page.items().isEmpty()) {
            paging.printNone(out, "users");
        }
        for (UserWithPosts item : page.items()) {
            User user = item.user();
            out.printf(
                    "User %d: %s, created %s, %s%n",
                    user.id().value(),
                    user.email(),
                    Table.time(user.createdAt()),
                    Counted.of(item.posts().size(), "post"));
            if (!item.posts().isEmpty()) {
                Tables.posts(item.posts()).printTo(out, "  ");
            }
        }
        paging.printNext(out, page, "blogdb users --with-posts");
    }
}
