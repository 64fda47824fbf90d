package dev.blogdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void eachColumnIsAsWideAsItsWidestCellAndLinesEndWithoutSpaces() {
        Table table = Table.withColumns("ID", "EMAIL", "NOTE")
                .row(7, "ada@example.com", "x")
                .row(1234, "é@example.com", "");

        assertThat(print(table, "")).isEqualTo("""
                ID    EMAIL            NOTE
                7     ada@example.com  x
                1234  é@example.com
                """);
    }

    @Test
    void everyLineStartsWithTheIndent() {
        assertThat(print(Table.withColumns("A", "B").row("1", "2"), "  ")).isEqualTo("  A  B\n  1  2\n");
    }

    @Test
    void controlCharactersInACellBecomeSpacesSoARowStaysOnOneLine() {
        assertThat(print(Table.withColumns("TITLE").row("two\nlines\tand a tab"), ""))
                .isEqualTo("TITLE\ntwo lines and a tab\n");
    }

    @Test
    void shortenedCutsTextLongerThanSixtyCharactersWithAnEllipsis() {
        String sixty = "a".repeat(60);

        assertThat(Table.shortened(sixty)).isEqualTo(sixty);
        assertThat(Table.shortened(sixty + "b")).isEqualTo("a".repeat(59) + "…");
        assertThat(Table.shortened("😀".repeat(61))).isEqualTo("😀".repeat(59) + "…");
    }

    @Test
    void timeIsUtcToTheSecond() {
        OffsetDateTime timestamp = OffsetDateTime.of(2025, 3, 1, 9, 30, 15, 987_654_000, ZoneOffset.ofHours(2));

        assertThat(Table.time(timestamp)).isEqualTo("2025-03-01T07:30:15Z");
    }

    private static String print(Table table, String indent) {
        StringWriter text = new StringWriter();
        table.printTo(new PrintWriter(text, true), indent);
        return text.toString();
    }
}
