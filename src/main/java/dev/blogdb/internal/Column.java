package dev.blogdb.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

import org.jooq.Converter;
import org.jooq.Field;

/**
 * Reads one generated column's value straight from a JDBC row, through that column's own jOOQ
 * converter (so a {@code posts.id} comes back as a {@code PostId}, as jOOQ would return it). The
 * type comes from the generated field, never from the caller, which keeps the typed keys.
 *
 * @param <T> the column's Java type, as generated
 */
public final class Column<T> {

    private final Converter<Object, T> converter;
    private final Reader reader;

    private Column(Converter<Object, T> converter, Reader reader) {
        this.converter = converter;
        this.reader = reader;
    }

    /** A reader for {@code field}, a generated column (of a table, an alias or a path). */
    @SuppressWarnings("unchecked")
    public static <T> Column<T> of(Field<T> field) {
        Converter<Object, T> converter = (Converter<Object, T>) field.getConverter();
        return new Column<>(converter, Reader.of(converter.fromType()));
    }

    /** The value at {@code index} (1-based) of the row {@code row} is on; null for SQL NULL. */
    public T read(ResultSet row, int index) throws SQLException {
        Object value = reader.read(row, index);
        return value == null ? null : converter.from(value);
    }

    /**
     * The JDBC getter for a database type: the primitive getters where the driver has them, which
     * skip the boxing and type dispatch of {@code getObject}.
     */
    @FunctionalInterface
    private interface Reader {
        Object read(ResultSet row, int index) throws SQLException;

        static Reader of(Class<?> type) {
            if (type == Long.class) {
                return (row, index) -> {
                    long value = row.getLong(index);
                    return row.wasNull() ? null : value;
                };
            }
            if (type == Integer.class) {
                return (row, index) -> {
                    int value = row.getInt(index);
                    return row.wasNull() ? null : value;
                };
            }
            if (type == Boolean.class) {
                return (row, index) -> {
                    boolean value = row.getBoolean(index);
                    return row.wasNull() ? null : value;
                };
            }
            if (type == String.class) {
                return ResultSet::getString;
            }
            if (type == OffsetDateTime.class) {
                return (row, index) -> row.getObject(index, OffsetDateTime.class);
            }
            return (row, index) -> row.getObject(index, type);
        }
    }
}
