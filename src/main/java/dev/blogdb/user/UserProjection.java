package dev.blogdb.user;

import static dev.blogdb.jooq.Tables.USERS;

import dev.blogdb.core.UserId;
import dev.blogdb.internal.Column;
import dev.blogdb.jooq.tables.Users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

import org.jooq.Record;
import org.jooq.SelectField;

/**
 * The columns a {@link User} is read from, and the mapping from a row that has them, for use in
 * any query (flat columns, for the reason given on {@code PostProjection}).
 */
public final class UserProjection {

    /** How many columns {@link #columns} has. */
    public static final int WIDTH = 3;

    private static final Column<UserId> ID = Column.of(USERS.ID);
    private static final Column<String> EMAIL = Column.of(USERS.EMAIL);
    private static final Column<OffsetDateTime> CREATED_AT = Column.of(USERS.CREATED_AT);

    private UserProjection() {}

    /** The columns of {@code users} (which may be an alias or a path) that make a user. */
    public static List<SelectField<?>> columns(Users users) {
        return List.of(users.ID, users.EMAIL, users.CREATED_AT);
    }

    /** The user in a row that has the {@link #columns} of {@code users}. */
    public static User from(Record row, Users users) {
        return new User(row.get(users.ID), row.get(users.EMAIL), row.get(users.CREATED_AT));
    }

    /**
     * The user in the JDBC row {@code row} is on, whose {@link #columns} start at {@code first}
     * (1-based), in their order: for code that maps JDBC rows itself, as blogdb's repositories do
     * where jOOQ's own records would cost more than the query.
     */
    public static User read(ResultSet row, int first) throws SQLException {
        return new User(ID.read(row, first), EMAIL.read(row, first + 1), CREATED_AT.read(row, first + 2));
    }
}
