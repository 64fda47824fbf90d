package dev.blogdb.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The schema as PostgreSQL describes it, compared with the description of the schema that the
 * changelog made when blogdb was built. Both come from one query, {@code schema-catalog.sql}: the
 * build runs it on the database code generation migrates and ships the result,
 * {@code expected-schema-catalog.tsv}, in the jar. Only reads.
 */
final class SchemaCatalog {

    private static final String QUERY = "schema-catalog.sql";
    private static final String EXPECTED = "expected-schema-catalog.tsv";

    /** Foreign keys of the current schema that no full (non-partial) index leads with, in any column order. */
    private static final String UNINDEXED_FOREIGN_KEYS = """
            SELECT t.relname, c.conname,
                   (SELECT string_agg(a.attname, ', ' ORDER BY k.position)
                    FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, position)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum)
            FROM pg_constraint c
            JOIN pg_class t ON t.oid = c.conrelid
            WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
              AND NOT EXISTS (
                  SELECT FROM pg_index x
                  WHERE x.indrelid = c.conrelid AND x.indpred IS NULL
                    AND (x.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
                    AND (x.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey)
            ORDER BY t.relname, c.conname
            """;

    private SchemaCatalog() {}

    /** How the live schema differs from the expected one: missing, unexpected and different objects, by kind and name. */
    static List<Finding> differences(Connection connection) throws SQLException {
        SortedMap<String, String> expected = parse(resource(EXPECTED));
        SortedMap<String, String> live = new TreeMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(resource(QUERY))) {
            while (rows.next()) {
                put(live, rows.getString(1));
            }
        }
        List<Finding> findings = new ArrayList<>();
        TreeSet<String> subjects = new TreeSet<>(expected.keySet());
        subjects.addAll(live.keySet());
        for (String subject : subjects) {
            String want = expected.get(subject);
            String found = live.get(subject);
            if (found == null) {
                findings.add(new Finding(Finding.Kind.MISSING, subject, "missing" + expectedText(want)));
            } else if (want == null) {
                findings.add(new Finding(
                        Finding.Kind.UNEXPECTED, subject, "not in the changelog's schema" + foundText(found)));
            } else if (!want.equals(found)) {
                findings.add(new Finding(Finding.Kind.DIFFERENT, subject, "expected " + want + ", found " + found));
            }
        }
        return findings;
    }

    /** The lint: every foreign key has an index that leads with its columns. */
    static List<Finding> unindexedForeignKeys(Connection connection) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(UNINDEXED_FOREIGN_KEYS)) {
            while (rows.next()) {
                findings.add(new Finding(
                        Finding.Kind.UNINDEXED_FOREIGN_KEY,
                        "foreign key " + rows.getString(1) + "." + rows.getString(2),
                        "no index leads with its columns (" + rows.getString(3)
                                + "): deleting or updating a referenced row scans " + rows.getString(1)));
            }
        }
        return findings;
    }

    private static String expectedText(String definition) {
        return definition.isEmpty() ? "" : " (expected " + definition + ")";
    }

    private static String foundText(String definition) {
        return definition.isEmpty() ? "" : " (found " + definition + ")";
    }

    /** "kind TAB name TAB definition" lines, by "kind name". */
    private static SortedMap<String, String> parse(String lines) {
        SortedMap<String, String> described = new TreeMap<>();
        lines.lines().filter(line -> !line.isBlank()).forEach(line -> put(described, line));
        return described;
    }

    private static void put(Map<String, String> described, String line) {
        String[] parts = line.split("\t", 3);
        if (parts.length != 3) {
            throw new IllegalStateException("a schema catalog line is not kind, name and definition: " + line);
        }
        described.put(parts[0] + " " + parts[1], parts[2]);
    }

    private static String resource(String name) {
        try (InputStream in = SchemaCatalog.class.getResourceAsStream(name)) {
            if (in == null) {
                // The build writes the expected side; a class path without it is a broken build of blogdb.
                throw new IllegalStateException("blogdb's class path lacks dev/blogdb/migration/" + name
                        + ": build blogdb with Maven, whose code generation step writes it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read dev/blogdb/migration/" + name, e);
        }
    }
}
