package dev.blogdb.cli;

import dev.blogdb.migration.DataLoss;
import dev.blogdb.migration.MigrationPlan;

import java.io.PrintWriter;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How migrate and rollback show what they would do ({@code --dry-run}), and how they make sure
 * nobody drops data by a slip: what will be lost is said first, and confirmed on a terminal or by
 * {@code --yes}.
 */
final class Plans {

    private Plans() {}

    /** Prints a plan: in JSON the changesets under {@code key}, the data lost and the SQL; for people, the same under {@code heading}. */
    static void print(PrintWriter out, boolean json, String key, MigrationPlan plan, String heading) {
        if (json) {
            ObjectNode object = Json.object();
            object.set(key, Json.array(plan.changesets(), Json::changeset));
            object.set("dataLoss", Json.array(plan.dataLoss(), Plans::json));
            object.put("sql", plan.sql());
            Json.print(out, object);
            return;
        }
        out.println(heading);
        Tables.changesets(plan.changesets()).printTo(out, "  ");
        out.println(
                plan.dataLoss().isEmpty() ? "It drops no table and no column." : "It would drop " + losses(plan) + ".");
        out.println("The SQL:");
        out.print(plan.sql().endsWith("\n") ? plan.sql() : plan.sql() + "\n");
    }

    /** The data a plan drops, in one line: {@code table posts (3 rows), column users.nickname (2 values not null)}. */
    static String losses(MigrationPlan plan) {
        return plan.dataLoss().stream().map(DataLoss::toString).collect(Collectors.joining(", "));
    }

    /**
     * Goes on only if the person agrees: asked on a terminal, else only with {@code --yes}.
     *
     * @param doing   what the command is about to do and lose, for the refusal ("rollback would ...")
     * @param prompt  the question on a terminal
     * @throws CommandFailure if there is no terminal and no {@code --yes}, or the answer is not yes
     */
    static void confirm(Environment environment, boolean yes, String doing, String prompt) {
        if (yes) {
            return;
        }
        Terminal terminal = environment
                .terminal()
                .orElseThrow(() -> new CommandFailure(doing
                        + ", and there is no terminal to confirm on: pass --yes to go ahead without asking,"
                        + " or --dry-run to see the SQL"));
        String answer = terminal.ask(prompt).orElse("").strip();
        if (!answer.equalsIgnoreCase("y") && !answer.equalsIgnoreCase("yes")) {
            throw new CommandFailure("nothing changed: the answer was not yes");
        }
    }

    private static ObjectNode json(DataLoss loss) {
        ObjectNode json = Json.object();
        json.put("table", loss.table());
        json.put("column", loss.column().orElse(null));
        json.put("values", loss.values());
        return json;
    }
}
