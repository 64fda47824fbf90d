package dev.blogdb.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blogdb.migration.Migrations;
import dev.blogdb.server.ThrowawayDatabase;
import dev.blogdb.testing.TestDatabases;

import java.sql.Connection;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** Every changeset's rollback works: the whole changelog goes down to nothing and up again. */
class MigrationRollbackTest {

    private static final List<String> LIQUIBASE_TABLES = List.of("databasechangelog", "databasechangeloglock");

    @Test
    void theChangelogRollsBackToAnEmptySchemaAndAppliesAgain() throws Exception {
        try (ThrowawayDatabase database = TestDatabases.empty();
                Connection connection = database.connect()) {
            DSLContext db = DSL.using(connection, SQLDialect.POSTGRES);

            Migrations.over(connection).update();
            assertThat(tables(db)).containsExactly("databasechangelog", "databasechangeloglock", "posts", "users");
            int applied = db.fetchCount(DSL.table("databasechangelog"));

            Migrations.over(connection).rollback(applied);
            assertThat(tables(db)).containsExactlyElementsOf(LIQUIBASE_TABLES);
            assertThat(db.fetchCount(DSL.table("databasechangelog"))).isZero();
            assertThat(db.fetch(
                                    "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE 'databasechangelog%'")
                            .getValues(0, String.class))
                    .isEmpty();
            assertThat(db.fetch("SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace")
                            .getValues(0, String.class))
                    .as("functions left behind, such as changeset 008's trigger function")
                    .isEmpty();

            Migrations.over(connection).update();
            assertThat(tables(db)).containsExactly("databasechangelog", "databasechangeloglock", "posts", "users");
            assertThat(db.fetch(
                                    "SELECT delete_rule FROM information_schema.referential_constraints WHERE constraint_name = 'posts_user_id_fkey'")
                            .getValues(0, String.class))
                    .containsExactly("CASCADE");
        }
    }

    private static List<String> tables(DSLContext db) {
        return db
                .fetch(
                        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name")
                .getValues(0, String.class)
                .stream()
                .map(String.class::cast)
                .toList();
    }
}
