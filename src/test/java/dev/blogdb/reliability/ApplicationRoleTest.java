package dev.blogdb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import dev.blogdb.BlogDb;
import dev.blogdb.core.PageRequest;
import dev.blogdb.migration.Migrations;
import dev.blogdb.post.Post;
import dev.blogdb.post.PostRepository;
import dev.blogdb.server.ThrowawayDatabase;
import dev.blogdb.testing.MigratedDatabase;
import dev.blogdb.user.User;
import dev.blogdb.user.UserDeletion;
import dev.blogdb.user.UserRepository;

import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Once migrated, blogdb runs as a role that {@link Migrations#grantApplicationAccess} set up: it
 * can do everything the API offers and cannot change the schema.
 */
@ExtendWith(MigratedDatabase.class)
class ApplicationRoleTest {

    private static final String ROLE_PASSWORD = "application role secret";

    @Test
    void theApplicationRoleCanDoEverythingTheApiOffers(ThrowawayDatabase database, DSLContext owner) {
        String role = createRole(owner);
        try (BlogDb blog = openAs(role, database)) {
            UserRepository users = blog.users();
            PostRepository posts = blog.posts();

            User ada = users.create("ada@example.com", "correct horse battery");
            assertThat(users.findById(ada.id())).contains(ada);
            assertThat(users.findByEmail("ADA@example.com")).contains(ada);
            assertThat(users.authenticate("ada@example.com", "correct horse battery"))
                    .contains(ada);
            User renamed = users.changeEmail(ada.id(), "ada@lovelace.org").orElseThrow();
            assertThat(users.changePassword(ada.id(), "another passphrase")).isTrue();
            Post post = posts.create(ada.id(), "title", "content", true);
            assertThat(posts.findById(post.id())).contains(post);
            assertThat(posts.findWithAuthor(post.id()).orElseThrow().author()).isEqualTo(renamed);
            assertThat(posts.findByAuthor(ada.id(), PageRequest.first(10)).items())
                    .containsExactly(post);
            assertThat(posts.feed(PageRequest.first(10)).items()).hasSize(1);
            assertThat(posts.findUsersWithPosts(PageRequest.first(10)).items()).hasSize(1);
            Post updated = posts.update(post.id(), post.version(), "new title", "new content", false)
                    .orElseThrow();
            assertThat(updated.version()).isEqualTo(2);
            Post second = blog.transactionResult(tx -> tx.posts().create(ada.id(), "second", "content", true));
            assertThat(posts.delete(second.id())).isTrue();
            assertThat(users.delete(ada.id())).contains(new UserDeletion(renamed, 1));
            assertThat(posts.findById(updated.id())).isEmpty();
        } finally {
            dropRole(owner, role);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "DROP TABLE posts",
                "ALTER TABLE users ADD COLUMN nickname text",
                "ALTER TABLE posts DROP CONSTRAINT posts_user_id_fkey",
                "TRUNCATE posts",
                "CREATE TABLE intruder (id int)",
                "CREATE INDEX intruder_idx ON posts (title)"
            })
    void theApplicationRoleCannotChangeTheSchema(String ddl, ThrowawayDatabase database, DSLContext owner) {
        String role = createRole(owner);
        try (BlogDb blog = openAs(role, database)) {
            DataAccessException refused = catchThrowableOfType(
                    DataAccessException.class, () -> blog.dsl().execute(ddl));

            assertThat(refused).isNotNull();
            assertThat(refused.sqlState()).as("insufficient_privilege").isEqualTo("42501");
        } finally {
            dropRole(owner, role);
        }
        assertThat(owner.fetch(
                                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")
                        .getValues(0, String.class))
                .containsExactly("databasechangelog", "databasechangeloglock", "posts", "users");
    }

    private static String createRole(DSLContext owner) {
        String role = "blogdb_app_" + UUID.randomUUID().toString().substring(0, 8);
        owner.execute("CREATE ROLE {0} LOGIN PASSWORD {1}", name(role), inline(ROLE_PASSWORD));
        owner.connection(connection -> Migrations.over(connection).grantApplicationAccess(role));
        return role;
    }

    private static BlogDb openAs(String role, ThrowawayDatabase database) {
        return BlogDb.connect(database.jdbcUrl())
                .user(role)
                .password(ROLE_PASSWORD)
                .open();
    }

    /** Roles belong to the whole server, not to the test's database: remove this one again. */
    private static void dropRole(DSLContext owner, String role) {
        owner.execute("DROP OWNED BY {0}", name(role));
        owner.execute("DROP ROLE {0}", name(role));
    }
}
