package dev.blogdb.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blogdb.server.ThrowawayDatabase;
import dev.blogdb.testing.TestDatabases;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class MigrationsTest {

    private static final List<Changeset> CHANGELOG = Stream.of("001-create-users", "002-users-email-unique-ignoring-case",
                    "003-users-checks", "004-create-posts", "005-posts-user-id-index", "006-posts-checks", "007-posts-feed-index")
            .map(id -> new Changeset("db/changelog/changes/" + id + ".yaml", id, "blogdb"))
            .toList();

    @Test
    void onAnEmptyDatabaseEveryChangesetIsPendingAndReadingThatCreatesNoTable() throws Exception {
        try (ThrowawayDatabase database = TestDatabases.empty(); Connection connection = database.connect()) {
            assertThat(Migrations.over(connection).pending()).containsExactlyElementsOf(CHANGELOG);
            assertThat(Migrations.over(connection).applied()).isEmpty();

            assertThat(tableCount(connection)).isZero();
        }
    }

    @Test
    void appliedListsChangesetsInTheOrderTheyRanAndPendingWhatRollbackUndid() throws Exception {
        try (ThrowawayDatabase database = TestDatabases.empty(); Connection connection = database.connect()) {
            Migrations.over(connection).update();
            assertThat(Migrations.over(connection).applied()).containsExactlyElementsOf(CHANGELOG);
            assertThat(Migrations.over(connection).pending()).isEmpty();

            Migrations.over(connection).rollback(2);

            assertThat(Migrations.over(connection).applied()).containsExactlyElementsOf(CHANGELOG.subList(0, 5));
            assertThat(Migrations.over(connection).pending()).containsExactlyElementsOf(CHANGELOG.subList(5, 7));
        }
    }

    private static int tableCount(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
            count.next();
            return count.getInt(1);
        }
    }
}
