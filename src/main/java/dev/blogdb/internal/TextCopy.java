package dev.blogdb.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * One {@code COPY ... FROM STDIN} into a generated table's columns, rows written in PostgreSQL's
 * text format and sent in chunks. The fastest way PostgreSQL takes rows: used by the bulk loader and
 * by {@code PostRepository.createAll} for large batches. The statement names the table and columns
 * as the generated code renders them; the values travel as data, never as SQL.
 */
public final class TextCopy {

    private static final int FLUSH_BYTES = 1 << 16;

    private final String sql;
    private final CopyIn copyIn;
    private final StringBuilder buffer = new StringBuilder(FLUSH_BYTES + 1024);
    private LongConsumer flushed = rows -> {};
    private long rows;

    private TextCopy(String sql, CopyIn copyIn) {
        this.sql = sql;
        this.copyIn = copyIn;
    }

    /** Starts a COPY into {@code table}'s {@code columns} on {@code connection}, which {@code dsl} renders for. */
    public static TextCopy into(DSLContext dsl, Connection connection, Table<?> table, Field<?>... columns) {
        List<String> names = new ArrayList<>();
        for (Field<?> column : columns) {
            names.add(dsl.render(DSL.name(column.getName())));
        }
        String sql = "COPY " + dsl.render(table) + " (" + String.join(", ", names) + ") FROM STDIN";
        try {
            return new TextCopy(
                    sql, connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql));
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    /** Tells {@code listener} how many rows this COPY has sent, after each chunk. */
    public TextCopy reportingChunksTo(LongConsumer listener) {
        this.flushed = listener;
        return this;
    }

    /**
     * Runs {@code rows}, which {@link #add}s them, and ends the COPY. If anything fails midway (a row
     * refused by validation, a lost connection), the COPY is cancelled first: the transaction
     * cannot roll back while one is open, and would wait for it forever.
     *
     * @return how many rows were written
     */
    public long write(Runnable rows) {
        try {
            rows.run();
            end();
            return this.rows;
        } catch (Throwable failure) {
            // Whatever escaped (a refused row, a progress listener's or a lazy Iterable's own
            // exception, an Error), the COPY must not stay open under the rollback that follows.
            cancelAfter(failure);
            throw failure;
        }
    }

    /** Adds one row: its fields in the order of the columns, none null. */
    public void add(String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                buffer.append('\t');
            }
            escapeInto(fields[i]);
        }
        buffer.append('\n');
        rows++;
        if (buffer.length() >= FLUSH_BYTES) {
            flush();
        }
    }

    private void end() {
        flush();
        try {
            copyIn.endCopy();
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    private void flush() {
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        buffer.setLength(0);
        try {
            copyIn.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw failure(sql, e);
        }
        flushed.accept(rows);
    }

    /** A failed COPY as blogdb's exception where it is one blogdb expects, else as jOOQ's. */
    private static RuntimeException failure(String sql, SQLException e) {
        RuntimeException translated = ErrorTranslation.translate(e);
        return translated != null ? translated : new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
    }

    /** Ends a COPY that failed midway; if even that fails (a lost connection), the first failure says why. */
    private void cancelAfter(Throwable failure) {
        if (copyIn.isActive()) {
            try {
                copyIn.cancelCopy();
            } catch (SQLException | RuntimeException cancelFailed) {
                failure.addSuppressed(cancelFailed);
            }
        }
    }

    /** COPY's text format: backslash, tab and line breaks are escaped with a backslash. */
    private void escapeInto(String field) {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            switch (c) {
                case '\\' -> buffer.append("\\\\");
                case '\t' -> buffer.append("\\t");
                case '\n' -> buffer.append("\\n");
                case '\r' -> buffer.append("\\r");
                default -> buffer.append(c);
            }
        }
    }
}
