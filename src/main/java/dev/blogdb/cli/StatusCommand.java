package dev.blogdb.cli;

import dev.blogdb.BlogDb;
import dev.blogdb.db.Changeset;
import dev.blogdb.db.Migrations;

import java.io.PrintWriter;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

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
        DatabaseTarget target = database.target();
        try (BlogDb blog = database.open(target)) {
            List<Changeset> pending = blog.dsl().connectionResult(Migrations::pending);
            PrintWriter out = spec.commandLine().getOut();
            if (output.json()) {
                ObjectNode json = Json.object();
                json.set("pending", Json.array(pending, Json::changeset));
                Json.print(out, json);
            } else if (pending.isEmpty()) {
                out.printf("Up to date: every changeset has been applied to %s.%n", target.displayUrl());
            } else {
                out.printf("%s pending on %s:%n", Counted.of(pending.size(), "changeset"), target.displayUrl());
                Tables.changesets(pending).printTo(out, "  ");
            }
        }
    }
}
