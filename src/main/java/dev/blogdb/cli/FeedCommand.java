package dev.blogdb.cli;

import dev.blogdb.BlogDb;
import dev.blogdb.core.Page;
import dev.blogdb.core.PageRequest;
import dev.blogdb.post.PostWithAuthor;

import java.io.PrintWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code blogdb feed}: the newest published posts with their authors, a page at a time. */
@Command(name = "feed", description = "Lists the newest published posts with their authors, a page at a time.")
final class FeedCommand implements Runnable {

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
        PageRequest request = paging.request();
        try (BlogDb blog = database.openForReading()) {
            Page<PostWithAuthor> page = blog.posts().feed(request);
            PrintWriter out = spec.commandLine().getOut();
            if (output.json()) {
                Json.print(out, Json.page(page, Json::postWithAuthor));
                return;
            }
            if (page.items().isEmpty()) {
                paging.printNone(out, "published posts");
            } else {
                Tables.feed(page.items()).printTo(out, "");
            }
            paging.printNext(out, page, "blogdb feed");
        }
    }
}
