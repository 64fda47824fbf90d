package dev.blogdb.replica;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;

/** WAL positions as numbers (bytes from {@code 0/0}), read from the server. */
final class Lsn {

    /**
     * The primary's WAL insert position: at or past the end of every transaction committed before it
     * is read. Not {@code pg_current_wal_lsn()}, the write position, which lags a commit made with
     * {@code synchronous_commit = off} until the WAL writer catches up. Where the insert position
     * stands at the start of a page, PostgreSQL reports it past the page's header (24 bytes, 40 at
     * the start of a segment), where no replay ever ends: it is taken back to the page's start, else
     * a standby would seem behind until the next record.
     */
    static final String PRIMARY = "WITH p AS (SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::bigint AS at,"
            + " current_setting('wal_block_size')::bigint AS page,"
            + " pg_size_bytes(current_setting('wal_segment_size')) AS segment)"
            + " SELECT CASE WHEN at % segment = 40 THEN at - 40 WHEN at % page = 24 THEN at - 24 ELSE at END FROM p";

    /** A standby's replay position, NULL on a server that is not in recovery. */
    static final String REPLAYED = "SELECT (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint";

    private Lsn() {}

    /** The one number {@code sql} answers with on {@code connection}, or empty if it is NULL. */
    static OptionalLong read(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            long value = row.getLong(1);
            return row.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
        }
    }

    /** {@code position} as PostgreSQL writes an LSN: {@code 16/B374D848}. */
    static String format(long position) {
        return Long.toHexString(position >>> 32).toUpperCase() + "/"
                + Long.toHexString(position & 0xFFFF_FFFFL).toUpperCase();
    }
}
