package dev.blogdb.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blogdb.server.ThrowawayDatabase;
import dev.blogdb.testing.TestDatabases;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The Citus distribution, on plain PostgreSQL: where it must refuse and change nothing. */
class DistributeOnCitusTest {

    @Test
    void onPlainPostgresqlItRefusesAndChangesNothing() throws Exception {
        try (ThrowawayDatabase database = TestDatabases.migrated();
                Connection connection = database.connect()) {
            Migrations migrations = Migrations.over(connection);
            List<Changeset> appliedBefore = migrations.applied();

            assertThatThrownBy(migrations::distributeOnCitus)
                    .isInstanceOf(MigrationException.class)
                    .hasMessage("the citus extension is not installed in this database: nothing was distributed");
            assertThat(migrations.applied()).isEqualTo(appliedBefore);
            assertThat(constraintsOfPosts(connection))
                    .containsExactlyInAnyOrder(
                            "posts_pkey PRIMARY KEY (id)",
                            "posts_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE");
        }
    }

    @Test
    void withChangesetsPendingItRefusesBeforeAskingForCitusAndChangesNothing() throws Exception {
        try (ThrowawayDatabase database = TestDatabases.migrated();
                Connection connection = database.connect()) {
            Migrations migrations = Migrations.over(connection);
            migrations.rollback(3);
            List<Changeset> appliedBefore = migrations.applied();

            assertThatThrownBy(migrations::distributeOnCitus)
                    .isInstanceOf(MigrationException.class)
                    .hasMessage("3 changeset(s) of the changelog have not run, the first 008-posts-version: migrate"
                            + " first, because Citus refuses a new trigger on a distributed table; nothing was"
                            + " distributed");
            assertThat(migrations.applied()).isEqualTo(appliedBefore);
            assertThat(migrations.pending()).hasSize(3);
        }
    }

    private static List<String> constraintsOfPosts(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT conname || ' ' || pg_get_constraintdef(oid)"
                        + " FROM pg_constraint WHERE conrelid = 'posts'::regclass AND contype IN ('p', 'f')")) {
            List<String> found = new java.util.ArrayList<>();
            while (rows.next()) {
                found.add(rows.getString(1));
            }
            return found;
        }
    }
}
