package dev.blogdb.cli;

import dev.blogdb.db.Changeset;

import java.util.List;

/** blogdb's values as tables for people, in one layout wherever they appear. */
final class Tables {

    private Tables() {
    }

    /** Liquibase changesets, as migrate, status and rollback list them. */
    static Table changesets(List<Changeset> changesets) {
        Table table = Table.withColumns("ID", "AUTHOR", "CHANGELOG");
        changesets.forEach(changeset -> table.row(changeset.id(), changeset.author(), changeset.changelog()));
        return table;
    }
}
