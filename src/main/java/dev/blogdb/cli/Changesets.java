package dev.blogdb.cli;

import dev.blogdb.migration.Changeset;

import java.io.PrintWriter;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** How migrate, status and rollback report the changesets they concern. */
final class Changesets {

    private Changesets() {}

    /**
     * Prints changesets as migrate, status and rollback report them: in JSON under {@code key};
     * for people, {@code whenNone} if there are none, else {@code heading} above a table.
     */
    static void print(
            PrintWriter out, boolean json, String key, List<Changeset> changesets, String whenNone, String heading) {
        if (json) {
            ObjectNode object = Json.object();
            object.set(key, Json.array(changesets, Json::changeset));
            Json.print(out, object);
        } else if (changesets.isEmpty()) {
            out.println(whenNone);
        } else {
            out.println(heading);
            Tables.changesets(changesets).printTo(out, "  ");
        }
    }
}
