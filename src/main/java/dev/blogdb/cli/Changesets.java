package dev.blogdb.cli;

import dev.blogdb.db.Changeset;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Comparisons of the changesets applied before and after a command, to say what it did. */
final class Changesets {

    private Changesets() {
    }

    /** The changesets of {@code changesets} that {@code others} does not hold, in their order. */
    static List<Changeset> notIn(List<Changeset> changesets, List<Changeset> others) {
        Set<Changeset> excluded = new HashSet<>(others);
        return changesets.stream().filter(changeset -> !excluded.contains(changeset)).toList();
    }
}
