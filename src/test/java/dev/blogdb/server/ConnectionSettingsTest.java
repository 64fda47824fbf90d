package dev.blogdb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Which database the settings name, as the command line and the chain resolve it. */
class ConnectionSettingsTest {

    private static final String URL = "jdbc:postgresql://db.example:5432/blog";

    @Test
    void theJdbcUrlOptionWinsOverEveryVariable() {
        ConnectionSettings target = resolve(
                variables(Map.of("BLOGDB_JDBC_URL", "jdbc:postgresql://other:5432/other", "PGDATABASE", "third"))
                        .with(Setting.JDBC_URL, URL, "--jdbc-url"));

        assertThat(target)
                .isEqualTo(new ConnectionSettings(
                        JdbcUrl.parse(URL), "postgres", Optional.empty(), Optional.of("--jdbc-url")));
    }

    @Test
    void blogdbJdbcUrlWinsOverThePgVariables() {
        ConnectionSettings target =
                resolve(variables(Map.of("BLOGDB_JDBC_URL", URL, "PGHOST", "elsewhere", "PGDATABASE", "third")));

        assertThat(target.url().value()).isEqualTo(URL);
        assertThat(target.namedBy()).contains("BLOGDB_JDBC_URL");
    }

    @Test
    void aSystemPropertyWinsOverItsEnvironmentVariable() {
        String property = "jdbc:postgresql://from-property:5432/blog";
        System.setProperty(Setting.JDBC_URL.property(), property);
        try {
            assertThat(ConnectionSettings.named(Settings.ofThisProcess())
                            .orElseThrow()
                            .namedBy())
                    .contains("blogdb.jdbc.url");
        } finally {
            System.clearProperty(Setting.JDBC_URL.property());
        }
    }

    @Test
    void thePgVariablesMakeAUrlAndPgDatabaseNamesTheDatabase() {
        ConnectionSettings target = resolve(variables(Map.of(
                "PGHOST",
                "db.internal",
                "PGPORT",
                "6543",
                "PGDATABASE",
                "blog",
                "PGUSER",
                "ada",
                "PGPASSWORD",
                "secret")));

        assertThat(target)
                .isEqualTo(new ConnectionSettings(
                        JdbcUrl.parse("jdbc:postgresql://db.internal:6543/blog"),
                        "ada",
                        Optional.of("secret"),
                        Optional.of("PGDATABASE")));
    }

    @Test
    void withoutAnyNameTheDatabaseIsLibpqsDefaultAndNotNamedExplicitly() {
        ConnectionSettings defaults = resolve(variables(Map.of()));
        ConnectionSettings forAda = resolve(variables(Map.of("PGUSER", "ada")));

        assertThat(defaults)
                .isEqualTo(new ConnectionSettings(
                        JdbcUrl.parse("jdbc:postgresql://localhost:5432/postgres"),
                        "postgres",
                        Optional.empty(),
                        Optional.empty()));
        assertThat(defaults.namedExplicitly()).isFalse();
        assertThat(forAda.url().value()).isEqualTo("jdbc:postgresql://localhost:5432/ada");
        assertThat(forAda.namedExplicitly()).isFalse();
        assertThat(ConnectionSettings.named(variables(Map.of("PGDATABASE", "blog"))))
                .isEmpty();
    }

    @Test
    void optionsWinOverBlogdbVariablesWhichWinOverPgVariablesForTheCredentials() {
        Settings all = variables(Map.of(
                "BLOGDB_JDBC_URL",
                URL,
                "BLOGDB_JDBC_USER",
                "blogdb-user",
                "BLOGDB_JDBC_PASSWORD",
                "blogdb-password",
                "PGUSER",
                "pg-user",
                "PGPASSWORD",
                "pg-password"));

        ConnectionSettings fromOptions = resolve(all.with(Setting.JDBC_USER, "option-user", "--user")
                .with(Setting.JDBC_PASSWORD, "option-password", "--password"));
        ConnectionSettings fromBlogdbVariables = resolve(all);
        ConnectionSettings fromPgVariables =
                resolve(variables(Map.of("BLOGDB_JDBC_URL", URL, "PGUSER", "pg-user", "PGPASSWORD", "pg-password")));

        assertThat(fromOptions.user() + "/" + fromOptions.password().orElseThrow())
                .isEqualTo("option-user/option-password");
        assertThat(fromBlogdbVariables.user() + "/"
                        + fromBlogdbVariables.password().orElseThrow())
                .isEqualTo("blogdb-user/blogdb-password");
        assertThat(fromPgVariables.user() + "/" + fromPgVariables.password().orElseThrow())
                .isEqualTo("pg-user/pg-password");
    }

    @Test
    void aDatabaseNameIsEncodedIntoTheUrl() {
        ConnectionSettings target = resolve(variables(Map.of("PGDATABASE", "my blog")));

        assertThat(target.url().value()).isEqualTo("jdbc:postgresql://localhost:5432/my%20blog");
        assertThat(target.url().database()).contains("my blog");
    }

    @Test
    void aMalformedUrlIsRefusedWithThePlaceItCameFrom() {
        assertThatThrownBy(
                        () -> resolve(variables(Map.of()).with(Setting.JDBC_URL, "postgres://db/blog", "--jdbc-url")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "--jdbc-url is not a PostgreSQL JDBC URL (jdbc:postgresql://HOST[:PORT]/DATABASE): postgres://db/blog");
        assertThatThrownBy(() -> resolve(variables(Map.of("BLOGDB_JDBC_URL", "jdbc:postgresql://db:port/blog"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "BLOGDB_JDBC_URL is not a PostgreSQL JDBC URL (jdbc:postgresql://HOST[:PORT]/DATABASE): jdbc:postgresql://db:port/blog");
    }

    @Test
    void aUrlThatNamesNoDatabaseIsRefusedWhereOneIsRequired() {
        ConnectionSettings serverOnly =
                resolve(variables(Map.of()).with(Setting.JDBC_URL, "jdbc:postgresql://db:5432/", "--jdbc-url"));

        assertThatThrownBy(serverOnly::requireDatabase)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "--jdbc-url names no database (jdbc:postgresql://HOST[:PORT]/DATABASE): jdbc:postgresql://db:5432/");
    }

    @Test
    void aPasswordInsideAUrlIsMaskedWhereverTheUrlIsShown() {
        String url = "jdbc:postgresql://db:5432/blog?user=ada&password=secret&ssl=true";

        assertThat(resolve(variables(Map.of()).with(Setting.JDBC_URL, url, "--jdbc-url"))
                        .url())
                .hasToString("jdbc:postgresql://db:5432/blog?user=ada&password=***&ssl=true");
        assertThatThrownBy(() -> resolve(variables(Map.of())
                        .with(Setting.JDBC_URL, "jdbc:postgresql://db:x/blog?password=secret", "--jdbc-url")))
                .hasMessageEndingWith("jdbc:postgresql://db:x/blog?password=***");
    }

    @Test
    void aSocketDirectoryInPghostAndANonNumericPgportAreRefused() {
        assertThatThrownBy(() -> resolve(variables(Map.of("PGHOST", "/var/run/postgresql"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PGHOST=/var/run/postgresql is a Unix socket directory, but blogdb connects over TCP only:"
                        + " set PGHOST to a host name, or name the database with a JDBC URL");
        assertThatThrownBy(() -> resolve(variables(Map.of("PGPORT", "five"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PGPORT must be a port number, was: five");
    }

    @Test
    void aPasswordNeverShowsWhenSettingsArePrinted() {
        ConnectionSettings target =
                resolve(variables(Map.of("BLOGDB_JDBC_URL", URL, "BLOGDB_JDBC_PASSWORD", "secret")));

        assertThat(target.toString()).contains("password=***").doesNotContain("secret");
        assertThat(variables(Map.of("BLOGDB_JDBC_PASSWORD", "secret"))
                        .find(Setting.JDBC_PASSWORD)
                        .orElseThrow()
                        .toString())
                .doesNotContain("secret");
    }

    @Test
    void blankValuesCountAsUnset() {
        ConnectionSettings target = resolve(
                variables(Map.of("BLOGDB_JDBC_URL", " ", "PGDATABASE", "")).with(Setting.JDBC_URL, "", "--jdbc-url"));

        assertThat(target.url().value()).isEqualTo("jdbc:postgresql://localhost:5432/postgres");
        assertThat(target.namedExplicitly()).isFalse();
    }

    private static ConnectionSettings resolve(Settings settings) {
        return ConnectionSettings.namedOrLibpqDefault(settings);
    }

    private static Settings variables(Map<String, String> variables) {
        return Settings.ofVariables(variables);
    }
}
