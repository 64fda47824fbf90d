package dev.blogdb.cli;

import dev.blogdb.BlogDb;
import dev.blogdb.migration.Changeset;
import dev.blogdb.server.ConnectionSettings;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code blogdb migrate}: applies the changelog's pending changesets, and lists them. If one fails,
 * the error says which were applied before it: Liquibase commits each on its own.
 */
@Command(
        name = "migrate",
        description = "Applies the Liquibase changelog's pending changesets and lists what it applied.")
final class MigrateCommand implements Runnable {

    @Mixin
    private DatabaseOptions database;

    @Mixin
    private OutputOptions output;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        ConnectionSettings target = database.targetForWriting();
        try (BlogDb blog = database.open(target)) {
            List<Changeset> applied = blog.migrations().update();
            Changesets.print(
                    spec.commandLine().getOut(),
                    output.json(),
                    "applied",
                    applied,
                    String.format("Nothing to apply: %s is up to date.", target.url()),
                    String.format("Applied %s to %s:", Counted.of(applied.size(), "changeset"), target.url()));
        }
    }
}
