package dev.blogdb.cli;

import dev.blogdb.db.Changeset;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Comparisons of the changesets applied before and after a command, and how commands report them. */
final class Changesets {

    private Changesets() {
    }

    /** The changesets of {@code changesets} that {@code others} does not hold, in their order. */
    static List<Changeset> notIn(List<Changeset> changesets, List<Changeset> others) {
        Set<Changeset> excluded = new HashSet<>(others);
        return changesets.stream().filter(changeset -> !excluded.contains(changeset)).toList();
    }

    /**
     * Prints changesets as migrate, status and rollback report them: in JSON under {@code key};
     * for people, {@code whenNone} if there are none, else {@code heading} above a table.
     */
    static void print(PrintWriter out, boolean json, String key, List<Changeset> changesets, String whenNone, String heading) {
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
