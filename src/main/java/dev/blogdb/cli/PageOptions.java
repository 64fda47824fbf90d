package dev.blogdb.cli;

import dev.blogdb.core.Page;
import dev.blogdb.core.PageRequest;

import java.io.PrintWriter;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Which page of a listing to show, and, for people, how to ask for the next one. */
final class PageOptions {

    private static final int DEFAULT_LIMIT = 20;

    private int limit;

    @Option(
            names = "--after",
            paramLabel = "CURSOR",
            description = "Start after this cursor, which the previous page printed.")
    private String after;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "" + DEFAULT_LIMIT,
            description = "At most N items, 1 to " + PageRequest.MAX_LIMIT + " (default: ${DEFAULT-VALUE}).")
    private void limit(int items) {
        limit = ValueRanges.between(command, "--limit", 1, PageRequest.MAX_LIMIT, items);
    }

    /** The page asked for. */
    PageRequest request() {
        return after == null ? PageRequest.first(limit) : PageRequest.after(after, limit);
    }

    /** Says that the page is empty: there are no {@code items} at all, or none after the cursor. */
    void printNone(PrintWriter out, String items) {
        out.println((after == null ? "No " : "No more ") + items + ".");
    }

    /** If there is a next page, prints the command that shows it: {@code command} with the same limit and its cursor. */
    void printNext(PrintWriter out, Page<?> page, String command) {
        page.nextCursor()
                .ifPresent(cursor -> out.println("Next page: " + command
                        + (limit == DEFAULT_LIMIT ? "" : " --limit " + limit) + " --after " + cursor));
    }
}
