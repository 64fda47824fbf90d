package dev.blogdb.cli;

import dev.blogdb.BlogDb;
import dev.blogdb.migration.Changeset;
import dev.blogdb.migration.MigrationPlan;
import dev.blogdb.server.ConnectionSettings;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code blogdb migrate}: applies the changelog's pending changesets, and lists them. If one fails,
 * the error says which were applied before it: Liquibase commits each on its own. A migration that
 * would drop a table or a column says so first and needs confirming, as a rollback does;
 * {@code --dry-run} shows the SQL and changes nothing.
 */
@Command(
        name = "migrate",
        description = {
            "Applies the Liquibase changelog's pending changesets and lists what it applied.",
            "If they would drop a table or a column, it says first what would be lost and asks on a terminal;"
                    + " without one, it needs --yes.",
            "--dry-run prints the changesets, the data lost and the SQL, and changes nothing."
        })
final class MigrateCommand implements Runnable {

    @Option(names = "--yes", description = "Apply without asking, even changesets that drop data.")
    private boolean yes;

    @Option(names = "--dry-run", description = "Print the changesets, the data lost and the SQL; change nothing.")
    private boolean dryRun;

    @Mixin
    private DatabaseOptions database;

    @Mixin
    private OutputOptions output;

    @Spec
    private CommandSpec spec;

    private final Environment environment;

    MigrateCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void run() {
        ConnectionSettings target = database.targetForWriting();
        try (BlogDb blog = database.open(target)) {
            String upToDate = String.format("Nothing to apply: %s is up to date.", target.url());
            if (dryRun) {
                MigrationPlan plan = blog.migrations().updatePlan();
                if (plan.changesets().isEmpty()) {
                    Changesets.print(spec.commandLine().getOut(), output.json(), "wouldApply", List.of(), upToDate, "");
                } else {
                    Plans.print(
                            spec.commandLine().getOut(),
                            output.json(),
                            "wouldApply",
                            plan,
                            String.format(
                                    "Would apply %s to %s (--dry-run: nothing was changed):",
                                    Counted.of(plan.changesets().size(), "changeset"), target.url()));
                }
                return;
            }
            if (!yes) {
                MigrationPlan plan = blog.migrations().updatePlan();
                if (!plan.dataLoss().isEmpty()) {
                    String dropping = "migrate would drop " + Plans.losses(plan);
                    Plans.confirm(
                            environment,
                            false,
                            dropping,
                            String.format(
                                    "On %s, the migration would drop %s. Go ahead? [y/N] ",
                                    target.url(), Plans.losses(plan)));
                }
            }
            List<Changeset> applied = blog.migrations().update();
            Changesets.print(
                    spec.commandLine().getOut(),
                    output.json(),
                    "applied",
                    applied,
                    upToDate,
                    String.format("Applied %s to %s:", Counted.of(applied.size(), "changeset"), target.url()));
        }
    }
}
