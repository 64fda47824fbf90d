package dev.blogdb.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

import org.jooq.Converter;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * One {@code COPY ... FROM STDIN (FORMAT binary)} into a generated table's columns, sent in chunks.
 * The fastest way PostgreSQL takes rows: used by the bulk loader and by {@code PostRepository.createAll}
 * for large batches. Binary, not text: the server parses no text and the client escapes none, which
 * made a COPY of 10,000 posts 7-10% cheaper on the server (PostgreSQL 15, 2026-12-03,
 * docs/benchmarks.md). Each value is given as its generated column's Java type (a {@code PostId},
 * an {@code OffsetDateTime}) and written through that column's converter, so the types come from the
 * generated code; the statement names the table and columns as jOOQ renders them.
 */
public final class BinaryCopy {

    private static final int FLUSH_BYTES = 1 << 16;
    /** The binary COPY header: signature, flags (no OIDs) and header extension length 0. */
    private static final byte[] HEADER = {
        'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
    };
    /** PostgreSQL's epoch for timestamps, 2000-01-01T00:00:00Z, in seconds since the Unix epoch. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

    private final String sql;
    private final CopyIn copyIn;
    private final List<Field<?>> columns;
    private final Encoder[] encoders;
    private byte[] buffer = new byte[FLUSH_BYTES + 4096];
    private int length;
    private LongConsumer flushed = rows -> {};
    private long rows;

    private BinaryCopy(String sql, CopyIn copyIn, List<Field<?>> columns, Encoder[] encoders) {
        this.sql = sql;
        this.copyIn = copyIn;
        this.columns = columns;
        this.encoders = encoders;
        System.arraycopy(HEADER, 0, buffer, 0, HEADER.length);
        length = HEADER.length;
    }

    /**
     * Starts a COPY into {@code table}'s {@code columns} on {@code connection}, which {@code dsl}
     * renders for.
     *
     * @throws IllegalArgumentException if a column's database type is one this COPY cannot write
     */
    public static BinaryCopy into(DSLContext dsl, Connection connection, Table<?> table, Field<?>... columns) {
        List<String> names = new ArrayList<>();
        for (Field<?> column : columns) {
            names.add(dsl.render(DSL.name(column.getName())));
        }
        String sql = "COPY " + dsl.render(table) + " (" + String.join(", ", names) + ") FROM STDIN (FORMAT binary)";
        // Made before the COPY starts, so that an unsupported column is refused with nothing begun.
        Encoder[] encoders = new Encoder[columns.length];
        for (int i = 0; i < columns.length; i++) {
            encoders[i] = Encoder.of(columns[i]);
        }
        try {
            return new BinaryCopy(
                    sql, connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql), List.of(columns), encoders);
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    /** Tells {@code listener} how many rows this COPY has sent, after each chunk. */
    public BinaryCopy reportingChunksTo(LongConsumer listener) {
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

    /**
     * Adds one row: a value for each column, in the order of the columns, each of its column's
     * generated Java type; null writes SQL NULL.
     *
     * @throws IllegalArgumentException if the number of values or a value's type does not match
     */
    public void add(Object... values) {
        if (values.length != encoders.length) {
            throw new IllegalArgumentException(
                    "a row of " + sql + " needs " + encoders.length + " values, got " + values.length);
        }
        ensure(2);
        putShort(encoders.length);
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value == null) {
                ensure(4);
                putInt(-1);
            } else if (!columns.get(i).getType().isInstance(value)) {
                throw new IllegalArgumentException("column " + columns.get(i).getName() + " takes a "
                        + columns.get(i).getType().getSimpleName() + ", got a "
                        + value.getClass().getSimpleName());
            } else {
                encoders[i].write(this, value);
            }
        }
        rows++;
        if (length >= FLUSH_BYTES) {
            flush();
        }
    }

    private void end() {
        ensure(2);
        putShort(-1);
        flush();
        try {
            copyIn.endCopy();
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    private void flush() {
        try {
            copyIn.writeToCopy(buffer, 0, length);
        } catch (SQLException e) {
            throw failure(sql, e);
        }
        length = 0;
        flushed.accept(rows);
    }

    private void ensure(int bytes) {
        if (length + bytes > buffer.length) {
            byte[] larger = new byte[Math.max(buffer.length * 2, length + bytes)];
            System.arraycopy(buffer, 0, larger, 0, length);
            buffer = larger;
        }
    }

    private void putShort(int value) {
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
    }

    private void putInt(int value) {
        buffer[length++] = (byte) (value >>> 24);
        buffer[length++] = (byte) (value >>> 16);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
    }

    private void putLong(long value) {
        putInt((int) (value >>> 32));
        putInt((int) value);
    }

    /** A field: its length, then its bytes in PostgreSQL's binary format for its type. */
    @FunctionalInterface
    private interface Encoder {
        void write(BinaryCopy copy, Object value);

        /** The encoder for {@code column}, by the database type its converter reads from. */
        @SuppressWarnings("unchecked")
        static Encoder of(Field<?> column) {
            Converter<Object, Object> converter = (Converter<Object, Object>) column.getConverter();
            Class<?> type = converter.fromType();
            if (type == Long.class) {
                return (copy, value) -> {
                    copy.ensure(12);
                    copy.putInt(8);
                    copy.putLong((Long) converter.to(value));
                };
            }
            if (type == Boolean.class) {
                return (copy, value) -> {
                    copy.ensure(5);
                    copy.putInt(1);
                    copy.buffer[copy.length++] = (byte) ((Boolean) converter.to(value) ? 1 : 0);
                };
            }
            if (type == String.class) {
                return (copy, value) -> {
                    byte[] utf8 = ((String) converter.to(value)).getBytes(StandardCharsets.UTF_8);
                    copy.ensure(4 + utf8.length);
                    copy.putInt(utf8.length);
                    System.arraycopy(utf8, 0, copy.buffer, copy.length, utf8.length);
                    copy.length += utf8.length;
                };
            }
            if (type == OffsetDateTime.class) {
                return (copy, value) -> {
                    copy.ensure(12);
                    copy.putInt(8);
                    copy.putLong(postgresMicros((OffsetDateTime) converter.to(value)));
                };
            }
            throw new IllegalArgumentException(
                    "column " + column.getName() + ": binary COPY of " + type.getName() + " is not supported");
        }
    }

    /**
     * A timestamptz's binary value: microseconds since 2000-01-01 UTC, the nanoseconds rounded half
     * to even as PostgreSQL rounds them when it parses a timestamp.
     */
    private static long postgresMicros(OffsetDateTime time) {
        long seconds = time.toEpochSecond() - POSTGRES_EPOCH_SECONDS;
        long micros = (long) Math.rint(time.getNano() / 1_000.0);
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), micros);
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
}
