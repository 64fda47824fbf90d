package dev.blogdb.migration;

/**
 * One way in which a live database differs from what blogdb's changelog and its generated code
 * expect, as {@link Migrations#verify()} finds it.
 *
 * @param kind    what sort of difference
 * @param subject what differs: a changeset ({@code changeset changelog::id::author}) or a schema
 *                object ({@code index posts.posts_user_id_idx}, {@code column users.email}, ...)
 * @param detail  how it differs, with the expected and the found definition where there are both
 */
public record Finding(Kind kind, String subject, String detail) {

    /** The sorts of difference. */
    public enum Kind {
        /** A changeset of the changelog has not run on the database. */
        PENDING_CHANGESET,
        /** The database records a changeset that the changelog does not have. */
        UNKNOWN_CHANGESET,
        /** A changeset ran, but the changelog's version of it has changed since. */
        CHANGED_CHECKSUM,
        /** A table, column, constraint, index, trigger or function of the schema is not there. */
        MISSING,
        /** The database has a table, column, constraint, index, trigger or function the schema does not. */
        UNEXPECTED,
        /** An object is there under its name, with another definition (type, nullability, default, rule, ...). */
        DIFFERENT,
        /** A foreign key has no index that leads with its columns: each delete of a parent row scans the child table. */
        UNINDEXED_FOREIGN_KEY
    }

    /** The finding in one line, {@code subject: detail}. */
    @Override
    public String toString() {
        return subject + ": " + detail;
    }
}
