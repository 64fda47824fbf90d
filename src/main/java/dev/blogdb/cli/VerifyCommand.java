package dev.blogdb.cli;

import dev.blogdb.BlogDb;
import dev.blogdb.migration.Finding;
import dev.blogdb.server.ConnectionSettings;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code blogdb verify}: whether a live database is what the changelog and blogdb's generated code
 * expect, one line per difference, with an exit code of its own for "it differs" so that a deploy
 * can gate on it. Only reads.
 */
@Command(
        name = "verify",
        description = {
            "Checks, only reading, that the database is what the changelog and this blogdb expect:"
                    + " changesets pending, unknown or changed; tables, columns, constraints, indexes,"
                    + " triggers and functions missing, unexpected or different; foreign keys without an index.",
            "Prints one line per finding. Exit code 0: it matches; 3: it does not."
        })
final class VerifyCommand implements Callable<Integer> {

    /** The exit code for a database that does not match: distinct from a failure to verify at all (1). */
    static final int EXIT_DIFFERS = 3;

    @Mixin
    private DatabaseOptions database;

    @Mixin
    private OutputOptions output;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        ConnectionSettings target = database.target();
        try (BlogDb blog = database.open(target)) {
            List<Finding> findings = blog.migrations().verify();
            PrintWriter out = spec.commandLine().getOut();
            if (output.json()) {
                ObjectNode json = Json.object();
                json.put("matches", findings.isEmpty());
                json.set("findings", Json.array(findings, Json::finding));
                Json.print(out, json);
            } else if (findings.isEmpty()) {
                out.printf("%s matches the changelog and the schema blogdb expects.%n", target.url());
            } else {
                findings.forEach(out::println);
                // The summary goes to standard error, so that standard output is the findings alone.
                spec.commandLine()
                        .getErr()
                        .printf(
                                "blogdb: %s does not match: %s%n",
                                target.url(), Counted.of(findings.size(), "finding"));
            }
            out.flush();
            spec.commandLine().getErr().flush();
            return findings.isEmpty() ? 0 : EXIT_DIFFERS;
        }
    }
}
