package dev.blogdb.cli;

import picocli.CommandLine.Option;

/** How a command prints its result: tables and sentences for people, or JSON for scripts. */
final class OutputOptions {

    @Option(names = "--json", description = "Print the result as JSON, for scripts.")
    private boolean json;

    /** Whether to print JSON. */
    boolean json() {
        return json;
    }
}
