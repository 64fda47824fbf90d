package dev.blogdb.cli;

import dev.blogdb.BlogDb;
import dev.blogdb.db.Changeset;
import dev.blogdb.db.Migrations;

import java.io.PrintWriter;
import java.sql.Connection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;

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
            PrintWriter out = spec.commandLine().getOut();
            if (output.json()) {
                ObjectNode json = Json.object();
                json.set("applied", Json.array(applied, Json::changeset));
                Json.print(out, json);
            } else if (applied.isEmpty()) {
                out.printf("Nothing to apply: %s is up to date.%n", target.displayUrl());
            } else {
                out.printf("Applied %d changeset%s to %s:%n", applied.size(), applied.size() == 1 ? "" : "s", target.displayUrl());
                Tables.changesets(applied).printTo(out, "  ");
            }
        }
    }

    /** Migrates and returns the changesets that ran; if one fails, says which ran before it. */
    private static List<Changeset> migrate(Connection connection) {
        List<Changeset> before = Migrations.applied(connection);
        try {
            Migrations.update(connection);
        } catch (IllegalStateException e) {
            List<Changeset> ran = ranSince(before, Migrations.applied(connection));
            throw new CommandFailure(e.getMessage() + (ran.isEmpty() ? "" : " (applied before the failure: "
                    + ran.stream().map(Changeset::id).collect(Collectors.joining(", ")) + ")"), e);
        }
        return ranSince(before, Migrations.applied(connection));
    }

    private static List<Changeset> ranSince(List<Changeset> before, List<Changeset> after) {
        Set<Changeset> old = new HashSet<>(before);
        return after.stream().filter(changeset -> !old.contains(changeset)).toList();
    }
}
