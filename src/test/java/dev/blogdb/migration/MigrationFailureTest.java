package dev.blogdb.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import dev.blogdb.server.ThrowawayDatabase;
import dev.blogdb.testing.MigratedDatabase;
import dev.blogdb.testing.TestDatabases;

import java.sql.Connection;
import java.util.Properties;
import java.util.UUID;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What Migrations leaves behind when it reads or fails: the caller's connection as it was, and an exception a caller can act on. */
@ExtendWith(MigratedDatabase.class)
class MigrationFailureTest {

    @Test
    void readingPendingChangesetsLeavesTheConnectionCommittingOnItsOwn() throws Exception {
        try (ThrowawayDatabase database = TestDatabases.empty();
                Connection connection = database.connect()) {
            assertThat(Migrations.over(connection).pending()).isNotEmpty();

            assertThat(connection.getAutoCommit()).isTrue();
        }
    }

    @Test
    void aChangesetTheRoleMayNotApplyIsAMigrationExceptionAndTheConnectionIsRestored(
            ThrowawayDatabase database, DSLContext owner) throws Exception {
        String role = "blogdb_no_ddl_" + UUID.randomUUID().toString().substring(0, 8);
        owner.execute("CREATE ROLE {0} LOGIN PASSWORD {1}", name(role), inline("secret"));
        try {
            owner.connection(connection -> Migrations.over(connection).grantApplicationAccess(role));
            owner.execute("DELETE FROM databasechangelog WHERE id = '007-posts-feed-index'");
            owner.execute("DROP INDEX posts_feed_idx");
            Properties credentials = new Properties();
            credentials.setProperty("user", role);
            credentials.setProperty("password", "secret");
            try (Connection asRole = new org.postgresql.Driver().connect(database.jdbcUrl(), credentials)) {
                assertThatThrownBy(() -> Migrations.over(asRole).update())
                        .isInstanceOf(MigrationException.class)
                        .hasMessageStartingWith("migration failed: ");
                assertThat(asRole.getAutoCommit()).isTrue();
            }
        } finally {
            owner.execute("DROP OWNED BY {0}", name(role));
            owner.execute("DROP ROLE {0}", name(role));
        }
    }
}
