package dev.blogdb.cli;

import java.io.PrintWriter;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table for people: a header row and rows, each column as wide as its widest cell. Cells are
 * kept on one line (control characters become spaces), so one row is one line.
 */
final class Table {

    private static final String GAP = "  ";
    private static final int SHORT_TEXT = 60;

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    private Table(List<String> headers) {
        this.headers = headers;
    }

    /** A table with these column headers. */
    static Table withColumns(String... headers) {
        return new Table(List.of(headers));
    }

    /** Adds a row; {@link Object#toString()} makes each cell. */
    Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("a row of " + headers.size() + " cells, got " + cells.length);
        }
        rows.add(Arrays.stream(cells).map(cell -> oneLine(String.valueOf(cell))).toList());
        return this;
    }

    /** Prints the table, each line starting with {@code indent}. */
    void printTo(PrintWriter out, String indent) {
        int[] widths = headers.stream().mapToInt(Table::width).toArray();
        for (List<String> row : rows) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], width(row.get(column)));
            }
        }
        printRow(out, indent, headers, widths);
        rows.forEach(row -> printRow(out, indent, row, widths));
    }

    /** A timestamp as people read it: to the second, in UTC, ISO 8601. */
    static String time(OffsetDateTime timestamp) {
        return timestamp
                .withOffsetSameInstant(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.SECONDS)
                .toInstant()
                .toString();
    }

    /** Text cut to a table cell's length: what is cut off ends in an ellipsis. */
    static String shortened(String text) {
        String line = oneLine(text);
        if (line.codePointCount(0, line.length()) <= SHORT_TEXT) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, SHORT_TEXT - 1)) + "…";
    }

    private static void printRow(PrintWriter out, String indent, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder(indent);
        for (int column = 0; column < cells.size(); column++) {
            String cell = cells.get(column);
            line.append(cell);
            if (column < cells.size() - 1) {
                line.append(" ".repeat(widths[column] - width(cell))).append(GAP);
            }
        }
        out.println(line.toString().stripTrailing());
    }

    private static int width(String cell) {
        return cell.codePointCount(0, cell.length());
    }

    private static String oneLine(String text) {
        return text.codePoints()
                .map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }
}
