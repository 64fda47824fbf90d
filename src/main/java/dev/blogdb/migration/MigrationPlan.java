package dev.blogdb.migration;

import java.util.List;

/**
 * What {@link Migrations#update()} or {@link Migrations#rollback(int)} would do, worked out
 * without doing it.
 *
 * @param changesets the changesets it would apply, in order, or roll back, newest first
 * @param sql        the SQL it would run, as Liquibase writes it, its own bookkeeping included
 * @param dataLoss   the tables and columns that SQL drops, with the rows and values in them now
 */
public record MigrationPlan(List<Changeset> changesets, String sql, List<DataLoss> dataLoss) {

    public MigrationPlan {
        changesets = List.copyOf(changesets);
        dataLoss = List.copyOf(dataLoss);
    }
}
