package dev.blogdb.user;

import static org.jooq.impl.DSL.row;

import dev.blogdb.jooq.tables.Users;

import org.jooq.SelectField;

/** The columns that make a {@link User}, as one field that jOOQ maps, for use in any query. */
public final class UserProjection {

    private UserProjection() {
    }

    /** A {@link User} read from {@code users} (which may be an alias or a path). */
    public static SelectField<User> of(Users users) {
        return row(users.ID, users.EMAIL, users.CREATED_AT).mapping(User::new);
    }
}
