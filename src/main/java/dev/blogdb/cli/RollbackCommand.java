package dev.blogdb.cli;

import dev.blogdb.BlogDb;
import dev.blogdb.migration.Changeset;
import dev.blogdb.migration.MigrationPlan;
import dev.blogdb.server.ConnectionSettings;

import java.util.List;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code blogdb rollback --count N}: undoes the last N changesets that ran. It says first which
 * tables and columns that drops, with their rows and values, and goes ahead only when confirmed on
 * a terminal or told {@code --yes}; {@code --dry-run} shows the SQL and changes nothing.
 */
@Command(
        name = "rollback",
        description = {
            "Rolls back the last N changesets that ran, newest first, and lists them.",
            "Rolling back a changeset that created a table drops the table and its rows: it says first what"
                    + " would be lost and asks on a terminal; without one, it needs --yes.",
            "--dry-run prints the changesets, the data lost and the SQL, and changes nothing."
        })
final class RollbackCommand implements Runnable {

    private int count;

    @Option(names = "--yes", description = "Roll back without asking.")
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

    RollbackCommand(Environment environment) {
        this.environment = environment;
    }

    @Option(names = "--count", required = true, paramLabel = "N", description = "How many changesets to roll back.")
    private void count(int changesets) {
        count = ValueRanges.atLeast(spec, "--count", 1, changesets);
    }

    @Override
    public void run() {
        ConnectionSettings target = database.targetForWriting();
        try (BlogDb blog = database.open(target)) {
            MigrationPlan plan = blog.migrations().rollbackPlan(count);
            String nothing = String.format("Nothing to roll back: no changeset has run on %s.", target.url());
            if (plan.changesets().isEmpty()) {
                Changesets.print(spec.commandLine().getOut(), output.json(), "rolledBack", List.of(), nothing, "");
                return;
            }
            if (dryRun) {
                Plans.print(
                        spec.commandLine().getOut(),
                        output.json(),
                        "wouldRollBack",
                        plan,
                        String.format(
                                "Would roll back %s on %s, newest first (--dry-run: nothing was changed):",
                                Counted.of(plan.changesets().size(), "changeset"), target.url()));
                return;
            }
            String undoing = String.format(
                    "rollback would roll back %s (%s) and %s",
                    Counted.of(plan.changesets().size(), "changeset"),
                    plan.changesets().stream().map(Changeset::id).collect(Collectors.joining(", ")),
                    plan.dataLoss().isEmpty() ? "drop no table or column" : "drop " + Plans.losses(plan));
            Plans.confirm(
                    environment,
                    yes,
                    undoing,
                    String.format(
                            "On %s, %s. Go ahead? [y/N] ", target.url(), undoing.substring("rollback ".length())));
            List<Changeset> rolledBack = blog.migrations().rollback(count);
            Changesets.print(
                    spec.commandLine().getOut(),
                    output.json(),
                    "rolledBack",
                    rolledBack,
                    nothing,
                    String.format(
                            "Rolled back %s on %s, newest first:",
                            Counted.of(rolledBack.size(), "changeset"), target.url()));
        }
    }
}
