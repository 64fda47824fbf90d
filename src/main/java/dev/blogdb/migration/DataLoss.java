package dev.blogdb.migration;

import java.util.Optional;

/**
 * Data that a migration or a rollback would destroy: a table it drops, with its rows, or a column
 * it drops, with its values that are not null. Counted when the plan was made.
 *
 * @param table  the table dropped, or whose column is dropped
 * @param column the column dropped, or empty when the whole table is
 * @param values the table's rows, or the column's values that are not null
 */
public record DataLoss(String table, Optional<String> column, long values) {

    /** For example {@code table posts (3 rows)} or {@code column users.nickname (2 values not null)}. */
    @Override
    public String toString() {
        return column.map(name -> String.format(
                        "column %s.%s (%,d %s not null)", table, name, values, values == 1 ? "value" : "values"))
                .orElseGet(() -> String.format("table %s (%,d %s)", table, values, values == 1 ? "row" : "rows"));
    }
}
