package dev.blogdb.cli;

import dev.blogdb.BlogDb;
import dev.blogdb.migration.Changeset;
import dev.blogdb.server.ConnectionSettings;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blogdb rollback --count N}: undoes the last N changesets that ran. */
@Command(
        name = "rollback",
        description = {
            "Rolls back the last N changesets that ran, newest first, and lists them.",
            "Rolling back a changeset that created a table drops the table and its rows."
        })
final class RollbackCommand implements Runnable {

    private int count;

    @Mixin
    private DatabaseOptions database;

    @Mixin
    private OutputOptions output;

    @Spec
    private CommandSpec spec;

    @Option(names = "--count", required = true, paramLabel = "N", description = "How many changesets to roll back.")
    private void count(int changesets) {
        count = ValueRanges.atLeast(spec, "--count", 1, changesets);
    }

    @Override
    public void run() {
        ConnectionSettings target = database.targetForWriting();
        try (BlogDb blog = database.open(target)) {
            List<Changeset> rolledBack = blog.migrations().rollback(count);
            Changesets.print(
                    spec.commandLine().getOut(),
                    output.json(),
                    "rolledBack",
                    rolledBack,
                    String.format("Nothing to roll back: no changeset has run on %s.", target.url()),
                    String.format(
                            "Rolled back %s on %s, newest first:",
                            Counted.of(rolledBack.size(), "changeset"), target.url()));
        }
    }
}
