package dev.blogdb.cli;

import dev.blogdb.BlogDb;
import dev.blogdb.db.Changeset;
import dev.blogdb.db.Migrations;

import java.sql.Connection;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;


import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code blogdb migrate}: applies the changelog's pending changesets, and lists them. */
@Command(name = "migrate", description = "Applies the Liquibase changelog's pending changesets and lists what it applied.")
final class MigrateCommand implements Runnable {

    @Mixin
    private DatabaseOptions database;

    @Mixin
    private OutputOptions output;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        DatabaseTarget target = database.targetForWriting();
        try (BlogDb blog = database.open(target)) {
            List<Changeset> applied = blog.dsl().connectionResult(MigrateCommand::migrate);
            Changesets.print(spec.commandLine().getOut(), output.json(), "applied", applied,
                    String.format("Nothing to apply: %s is up to date.", target.displayUrl()),
                    String.format("Applied %s to %s:", Counted.of(applied.size(), "changeset"), target.displayUrl()));
        }
    }

    /** Migrates and returns the changesets that ran; if one fails, says which ran before it. */
    private static List<Changeset> migrate(Connection connection) {
        List<Changeset> before = Migrations.applied(connection);
        try {
            Migrations.update(connection);
        } catch (RuntimeException failure) {
            throw withWhatRanBefore(failure, before, () -> Migrations.applied(connection));
        }
        return Changesets.notIn(Migrations.applied(connection), before);
    }

    /**
     * {@code failure}, a migration's, saying which changesets ran before it: Liquibase commits each
     * changeset on its own, so those stay applied. When that cannot be read, as after a lost
     * connection, {@code failure} is returned as it was, with the second failure suppressed in it:
     * why the migration failed must stay the error reported.
     *
     * @param before     the changesets applied before the migration
     * @param appliedNow reads the changesets applied now
     */
    static RuntimeException withWhatRanBefore(RuntimeException failure, List<Changeset> before, Supplier<List<Changeset>> appliedNow) {
        List<Changeset> ran;
        try {
            ran = Changesets.notIn(appliedNow.get(), before);
        } catch (RuntimeException unreadable) {
            failure.addSuppressed(unreadable);
            return failure;
        }
        if (ran.isEmpty()) {
            return failure;
        }
        return new CommandFailure(Failures.describe(failure) + " (applied before the failure: "
                + ran.stream().map(Changeset::id).collect(Collectors.joining(", ")) + ")", failure);
    }
}
