package dev.blogdb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class DatabaseTargetTest {

    private static final String URL = "jdbc:postgresql://db.example:5432/blog";

    @Test
    void theJdbcUrlOptionWinsOverEveryVariable() {
        DatabaseTarget target = DatabaseTarget.resolve(URL, null, null,
                environment(Map.of("BLOGDB_JDBC_URL", "jdbc:postgresql://other:5432/other", "PGDATABASE", "third")));

        assertThat(target).isEqualTo(new DatabaseTarget(URL, "postgres", null, Optional.of("--jdbc-url")));
    }

    @Test
    void blogdbJdbcUrlWinsOverThePgVariables() {
        DatabaseTarget target = DatabaseTarget.resolve(null, null, null,
                environment(Map.of("BLOGDB_JDBC_URL", URL, "PGHOST", "elsewhere", "PGDATABASE", "third")));

        assertThat(target.jdbcUrl()).isEqualTo(URL);
        assertThat(target.namedBy()).contains("BLOGDB_JDBC_URL");
    }

    @Test
    void thePgVariablesMakeAUrlAndPgDatabaseNamesTheDatabase() {
        DatabaseTarget target = DatabaseTarget.resolve(null, null, null, environment(Map.of(
                "PGHOST", "db.internal", "PGPORT", "6543", "PGDATABASE", "blog", "PGUSER", "ada", "PGPASSWORD", "secret")));

        assertThat(target).isEqualTo(new DatabaseTarget("jdbc:postgresql://db.internal:6543/blog", "ada", "secret", Optional.of("PGDATABASE")));
    }

    @Test
    void withoutAnyNameTheDatabaseIsLibpqsDefaultAndNotNamedExplicitly() {
        DatabaseTarget defaults = DatabaseTarget.resolve(null, null, null, environment(Map.of()));
        DatabaseTarget forAda = DatabaseTarget.resolve(null, null, null, environment(Map.of("PGUSER", "ada")));

        assertThat(defaults).isEqualTo(new DatabaseTarget("jdbc:postgresql://localhost:5432/postgres", "postgres", null, Optional.empty()));
        assertThat(defaults.namedExplicitly()).isFalse();
        assertThat(forAda.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/ada");
        assertThat(forAda.namedExplicitly()).isFalse();
    }

    @Test
    void optionsWinOverBlogdbVariablesWhichWinOverPgVariablesForTheCredentials() {
        Map<String, String> all = Map.of("BLOGDB_JDBC_USER", "blogdb-user", "BLOGDB_JDBC_PASSWORD", "blogdb-password",
                "PGUSER", "pg-user", "PGPASSWORD", "pg-password");

        DatabaseTarget fromOptions = DatabaseTarget.resolve(URL, "option-user", "option-password", environment(all));
        DatabaseTarget fromBlogdbVariables = DatabaseTarget.resolve(URL, null, null, environment(all));
        DatabaseTarget fromPgVariables = DatabaseTarget.resolve(URL, null, null, environment(Map.of("PGUSER", "pg-user", "PGPASSWORD", "pg-password")));

        assertThat(fromOptions.user() + "/" + fromOptions.password()).isEqualTo("option-user/option-password");
        assertThat(fromBlogdbVariables.user() + "/" + fromBlogdbVariables.password()).isEqualTo("blogdb-user/blogdb-password");
        assertThat(fromPgVariables.user() + "/" + fromPgVariables.password()).isEqualTo("pg-user/pg-password");
    }

    @Test
    void aDatabaseNameIsEncodedIntoTheUrl() {
        DatabaseTarget target = DatabaseTarget.resolve(null, null, null, environment(Map.of("PGDATABASE", "my blog")));

        assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/my+blog");
    }

    @Test
    void aMalformedUrlIsRefusedWithThePlaceItCameFrom() {
        assertThatThrownBy(() -> DatabaseTarget.resolve("postgres://db/blog", null, null, environment(Map.of())))
                .isInstanceOf(CommandFailure.class)
                .hasMessage("--jdbc-url is not a PostgreSQL JDBC URL (jdbc:postgresql://HOST[:PORT]/DATABASE): postgres://db/blog");
        assertThatThrownBy(() -> DatabaseTarget.resolve(null, null, null, environment(Map.of("BLOGDB_JDBC_URL", "jdbc:postgresql://db:port/blog"))))
                .isInstanceOf(CommandFailure.class)
                .hasMessage("BLOGDB_JDBC_URL is not a PostgreSQL JDBC URL (jdbc:postgresql://HOST[:PORT]/DATABASE): jdbc:postgresql://db:port/blog");
    }

    @Test
    void aUrlThatNamesNoDatabaseIsRefused() {
        assertThatThrownBy(() -> DatabaseTarget.resolve("jdbc:postgresql://db:5432/", null, null, environment(Map.of())))
                .isInstanceOf(CommandFailure.class)
                .hasMessage("--jdbc-url names no database (jdbc:postgresql://HOST[:PORT]/DATABASE): jdbc:postgresql://db:5432/");
    }

    @Test
    void aPasswordInsideAUrlIsMaskedWhereverTheUrlIsShown() {
        String url = "jdbc:postgresql://db:5432/blog?user=ada&password=secret&ssl=true";

        assertThat(DatabaseTarget.resolve(url, null, null, environment(Map.of())).displayUrl())
                .isEqualTo("jdbc:postgresql://db:5432/blog?user=ada&password=***&ssl=true");
        assertThatThrownBy(() -> DatabaseTarget.resolve("jdbc:postgresql://db:x/blog?password=secret", null, null, environment(Map.of())))
                .hasMessageEndingWith("jdbc:postgresql://db:x/blog?password=***");
    }

    @Test
    void aSocketDirectoryInPghostAndANonNumericPgportAreRefused() {
        assertThatThrownBy(() -> DatabaseTarget.resolve(null, null, null, environment(Map.of("PGHOST", "/var/run/postgresql"))))
                .isInstanceOf(CommandFailure.class)
                .hasMessage("PGHOST=/var/run/postgresql is a Unix socket directory, but blogdb connects over TCP only:"
                        + " set PGHOST to a host name, or pass --jdbc-url");
        assertThatThrownBy(() -> DatabaseTarget.resolve(null, null, null, environment(Map.of("PGPORT", "five"))))
                .isInstanceOf(CommandFailure.class)
                .hasMessage("PGPORT must be a port number, was: five");
    }

    @Test
    void blankVariablesCountAsUnset() {
        DatabaseTarget target = DatabaseTarget.resolve(null, null, null, environment(Map.of("BLOGDB_JDBC_URL", " ", "PGDATABASE", "")));

        assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/postgres");
        assertThat(target.namedExplicitly()).isFalse();
    }

    private static Environment environment(Map<String, String> variables) {
        return new Environment(variables, Optional.empty(), new BufferedReader(new StringReader("")), false);
    }
}
