package dev.blogdb.cli;

import dev.blogdb.BlogDb;
import dev.blogdb.migration.Changeset;
import dev.blogdb.server.ConnectionSettings;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code blogdb status}: which changesets migrate would apply. Only reads. */
@Command(name = "status", description = "Lists the changesets that migrate would apply. Only reads.")
final class StatusCommand implements Runnable {

    @Mixin
    private DatabaseOptions database;

    @Mixin
    private OutputOptions output;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        ConnectionSettings target = database.target();
        try (BlogDb blog = database.open(target)) {
            List<Changeset> pending = blog.migrations().pending();
            Changesets.print(
                    spec.commandLine().getOut(),
                    output.json(),
                    "pending",
                    pending,
                    String.format("Up to date: every changeset has been applied to %s.", target.url()),
                    String.format("%s pending on %s:", Counted.of(pending.size(), "changeset"), target.url()));
        }
    }
}
