package dev.blogdb.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jooq.Cursor;
import org.jooq.ResultQuery;
import org.jooq.exception.DataAccessException;

/**
 * Runs a jOOQ query and maps its JDBC rows straight into blogdb's records. jOOQ still builds,
 * binds and executes the statement (with its listeners, so failures are translated as everywhere
 * else); only its intermediate {@code Record} per row is skipped. Measured on the feed and on users
 * with their posts, that Record (with its per-field lookups) cost about as much as everything else
 * on the client together (docs/benchmarks.md).
 */
public final class Rows {

    private Rows() {}

    /** Maps the row a {@link ResultSet} is on; reads columns with {@link Column}. */
    @FunctionalInterface
    public interface Mapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Every row of {@code query}, mapped, in the order the database sent them. */
    public static <T> List<T> list(ResultQuery<?> query, int expectedRows, Mapper<T> mapper) {
        List<T> mapped = new ArrayList<>(expectedRows);
        forEach(query, row -> mapped.add(mapper.map(row)));
        return mapped;
    }

    /** The first row of {@code query}, mapped, if it returned any. */
    public static <T> Optional<T> first(ResultQuery<?> query, Mapper<T> mapper) {
        try (Cursor<?> cursor = query.fetchLazy()) {
            ResultSet row = cursor.resultSet();
            return row.next() ? Optional.of(mapper.map(row)) : Optional.empty();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Hands every row of {@code query} to {@code action}, in order. */
    public static void forEach(ResultQuery<?> query, RowAction action) {
        try (Cursor<?> cursor = query.fetchLazy()) {
            ResultSet row = cursor.resultSet();
            while (row.next()) {
                action.accept(row);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** What {@link #forEach} does with each row. */
    @FunctionalInterface
    public interface RowAction {
        void accept(ResultSet row) throws SQLException;
    }

    /** A failure while reading rows (after the statement ran): blogdb's exception where it has one. */
    private static RuntimeException failure(SQLException e) {
        RuntimeException translated = ErrorTranslation.translate(e);
        return translated != null ? translated : new DataAccessException("reading a row failed: " + e.getMessage(), e);
    }
}
