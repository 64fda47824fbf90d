package dev.blogdb.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The data that a migration's SQL would destroy: each {@code DROP TABLE} with the table's rows, and
 * each {@code ALTER TABLE ... DROP COLUMN} with the column's values that are not null, counted now.
 * It reads the SQL that Liquibase generates, so it sees the drops of its change types and of plain
 * SQL changes alike; a plain SQL change that drops a column without the word COLUMN, or destroys
 * rows otherwise (DELETE, TRUNCATE), is not seen.
 */
final class DataLosses {

    private static final String NAME = "(?:\"[^\"]+\"|[\\w$]+)";
    private static final Pattern DROP_TABLE = Pattern.compile(
            "\\bDROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:" + NAME + "\\.)?(" + NAME + ")", Pattern.CASE_INSENSITIVE);
    private static final Pattern ALTER_TABLE = Pattern.compile(
            "\\bALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?(?:" + NAME + "\\.)?(" + NAME + ")([^;]*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DROP_COLUMN =
            Pattern.compile("\\bDROP\\s+COLUMN\\s+(?:IF\\s+EXISTS\\s+)?(" + NAME + ")", Pattern.CASE_INSENSITIVE);

    private DataLosses() {}

    /** The tables and columns {@code sql} drops, with what is in them now; Liquibase's own tables left out. */
    static List<DataLoss> in(Connection connection, String sql) throws SQLException {
        List<DataLoss> losses = new ArrayList<>();
        String statements = withoutComments(sql);
        Matcher table = DROP_TABLE.matcher(statements);
        while (table.find()) {
            String name = unquoted(table.group(1));
            if (!name.startsWith("databasechangelog")) {
                losses.add(new DataLoss(name, Optional.empty(), count(connection, name, Optional.empty())));
            }
        }
        Matcher alter = ALTER_TABLE.matcher(statements);
        while (alter.find()) {
            String name = unquoted(alter.group(1));
            Matcher column = DROP_COLUMN.matcher(alter.group(2));
            while (column.find()) {
                Optional<String> dropped = Optional.of(unquoted(column.group(1)));
                losses.add(new DataLoss(name, dropped, count(connection, name, dropped)));
            }
        }
        return List.copyOf(losses);
    }

    /** The table's rows, or the column's values that are not null; 0 where the table is not there (yet). */
    private static long count(Connection connection, String table, Optional<String> column) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            exists.setString(1, DSL.using(SQLDialect.POSTGRES).render(DSL.name(table)));
            try (ResultSet found = exists.executeQuery()) {
                found.next();
                if (!found.getBoolean(1)) {
                    return 0;
                }
            }
            // Names are quoted identifiers, never spliced in as they are.
            String query = DSL.using(SQLDialect.POSTGRES)
                    .render(DSL.select(column.map(name -> DSL.count(DSL.field(DSL.name(name))))
                                    .orElseGet(DSL::count))
                            .from(DSL.table(DSL.name(table))));
            try (PreparedStatement statement = connection.prepareStatement(query);
                    ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static String withoutComments(String sql) {
        return sql.replaceAll("(?m)--.*$", "");
    }

    private static String unquoted(String name) {
        return name.startsWith("\"") && name.endsWith("\"") ? name.substring(1, name.length() - 1) : name;
    }
}
