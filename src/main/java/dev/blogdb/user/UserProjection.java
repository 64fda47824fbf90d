package dev.blogdb.user;

import dev.blogdb.jooq.tables.Users;

import java.util.List;

import org.jooq.Record;
import org.jooq.SelectField;

/**
 * The columns a {@link User} is read from, and the mapping from a row that has them, for use in
 * any query (flat columns, for the reason given on {@code PostProjection}).
 */
public final class UserProjection {

    private UserProjection() {}

    /** The columns of {@code users} (which may be an alias or a path) that make a user. */
    public static List<SelectField<?>> columns(Users users) {
        return List.of(users.ID, users.EMAIL, users.CREATED_AT);
    }

    /** The user in a row that has the {@link #columns} of {@code users}. */
    public static User from(Record row, Users users) {
        return new User(row.get(users.ID), row.get(users.EMAIL), row.get(users.CREATED_AT));
    }
}
