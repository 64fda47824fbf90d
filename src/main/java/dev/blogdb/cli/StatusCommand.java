package dev.blogdb.cli;

import dev.blogdb.BlogDb;
import dev.blogdb.migration.Changeset;
import dev.blogdb.replica.ReplicaState;
import dev.blogdb.server.ConnectionSettings;

import java.io.PrintWriter;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code blogdb status}: which changesets migrate would apply, and how the replicas stand. Only reads. */
@Command(
        name = "status",
        description = "Lists the changesets that migrate would apply, and each replica given with its lag. Only reads.")
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
            List<ReplicaState> replicas = blog.readRouting().replicas();
            PrintWriter out = spec.commandLine().getOut();
            if (output.json() && !replicas.isEmpty()) {
                ObjectNode object = Json.object();
                object.set("pending", Json.array(pending, Json::changeset));
                object.set("replicas", Json.array(replicas, Json::replica));
                Json.print(out, object);
                return;
            }
            Changesets.print(
                    out,
                    output.json(),
                    "pending",
                    pending,
                    String.format("Up to date: every changeset has been applied to %s.", target.url()),
                    String.format("%s pending on %s:", Counted.of(pending.size(), "changeset"), target.url()));
            if (!replicas.isEmpty()) {
                out.println(Counted.of(replicas.size(), "replica") + ":");
                replicas.forEach(replica -> out.println("  " + describe(replica)));
            }
        }
    }

    /** One replica for people: its URL, whether it serves, how far behind, as the router's check just found. */
    private static String describe(ReplicaState replica) {
        if (!replica.available()) {
            return replica.url() + "  unavailable: " + replica.problem().orElse("?");
        }
        String lag =
                replica.lag().map(known -> "lag " + known.toMillis() + " ms").orElse("lag unknown");
        return replica.url() + "  available, " + lag + ", replayed up to " + replica.replayed();
    }
}
