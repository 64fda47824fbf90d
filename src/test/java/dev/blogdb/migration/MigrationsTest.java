package dev.blogdb.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blogdb.core.InvalidInputException;
import dev.blogdb.server.ThrowawayDatabase;
import dev.blogdb.testing.TestDatabases;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    private static final List<Changeset> CHANGELOG = Stream.of(
                    "001-create-users",
                    "002-users-email-unique-ignoring-case",
                    "003-users-checks",
                    "004-create-posts",
                    "005-posts-user-id-index",
                    "006-posts-checks",
                    "007-posts-feed-index",
                    "008-posts-version",
                    "009-users-batched-deletion",
                    "010-posts-author-check-per-statement")
            .map(id -> new Changeset("db/changelog/changes/" + id + ".yaml", id, "blogdb"))
            .toList();

    @Test
    void onAnEmptyDatabaseEveryChangesetIsPendingAndReadingThatCreatesNoTable() throws Exception {
        try (ThrowawayDatabase database = TestDatabases.empty();
                Connection connection = database.connect()) {
            assertThat(Migrations.over(connection).pending()).containsExactlyElementsOf(CHANGELOG);
            assertThat(Migrations.over(connection).applied()).isEmpty();

            assertThat(tableCount(connection)).isZero();
        }
    }

    @Test
    void appliedListsChangesetsInTheOrderTheyRanAndPendingWhatRollbackUndid() throws Exception {
        try (ThrowawayDatabase database = TestDatabases.empty();
                Connection connection = database.connect()) {
            Migrations migrations = Migrations.over(connection);

            assertThat(migrations.update()).containsExactlyElementsOf(CHANGELOG);
            assertThat(migrations.applied()).containsExactlyElementsOf(CHANGELOG);
            assertThat(migrations.pending()).isEmpty();
            assertThat(migrations.update()).isEmpty();

            assertThat(migrations.rollback(2)).containsExactly(CHANGELOG.get(9), CHANGELOG.get(8));

            assertThat(migrations.applied()).containsExactlyElementsOf(CHANGELOG.subList(0, 8));
            assertThat(migrations.pending()).containsExactlyElementsOf(CHANGELOG.subList(8, 10));
            assertThat(migrations.update()).containsExactlyElementsOf(CHANGELOG.subList(8, 10));
        }
    }

    @Test
    void overADataSourceEachOperationBorrowsAConnectionAndGivesItBack() {
        try (ThrowawayDatabase database = TestDatabases.empty();
                HikariDataSource pool = pool(database)) {
            Migrations migrations = Migrations.over(pool);

            assertThat(migrations.update()).hasSize(CHANGELOG.size());
            assertThat(migrations.pending()).isEmpty();
            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
        }
    }

    @Test
    void rollingBackWhereNothingRanDoesNothingAndCreatesNoTable() throws Exception {
        try (ThrowawayDatabase database = TestDatabases.empty();
                Connection connection = database.connect()) {
            assertThat(Migrations.over(connection).rollback(3)).isEmpty();

            assertThat(tableCount(connection)).isZero();
        }
    }

    @Test
    void aMigrationThatFailsMidwaySaysWhichChangesetsItAppliedFirst() throws Exception {
        try (ThrowawayDatabase database = TestDatabases.empty();
                Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE posts (id int)");

            assertThatThrownBy(() -> Migrations.over(connection).update())
                    .isInstanceOfSatisfying(MigrationException.class, failure -> {
                        assertThat(failure.doneBeforeFailure()).containsExactlyElementsOf(CHANGELOG.subList(0, 3));
                        assertThat(failure.getMessage())
                                .startsWith("migration failed: ")
                                .contains("relation \"posts\" already exists")
                                .endsWith(
                                        " (applied before the failure: 001-create-users, 002-users-email-unique-ignoring-case,"
                                                + " 003-users-checks)");
                    });
            assertThat(Migrations.over(connection).applied()).containsExactlyElementsOf(CHANGELOG.subList(0, 3));
        }
    }

    @Test
    void aCountBelowOneIsRefusedBeforeTheDatabaseIsAsked() {
        assertThatThrownBy(() -> Migrations.over(new NoConnection().proxy()).rollback(0))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        invalid -> assertThat(invalid.field()).isEqualTo("count"));
    }

    private static HikariDataSource pool(ThrowawayDatabase database) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl());
        config.setUsername(database.user());
        database.settings().password().ifPresent(config::setPassword);
        return new HikariDataSource(config);
    }

    /** A connection that fails the test if it is ever used. */
    private static final class NoConnection {
        Connection proxy() {
            return (Connection) java.lang.reflect.Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        throw new AssertionError("the connection was used: " + method.getName());
                    });
        }
    }

    private static int tableCount(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery(
                        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
            count.next();
            return count.getInt(1);
        }
    }
}
