package dev.blogdb.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** JDBC URLs read once, by the driver's own parser. */
class JdbcUrlTest {

    @Test
    void anotherDatabaseOnTheSameServerKeepsHostsPortsAndParameters() {
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://h1:6000,h2/blog?ssl=true&password=secret");

        JdbcUrl other = url.withDatabase("blogdb test_1");

        assertThat(other.value())
                .isEqualTo("jdbc:postgresql://h1:6000,h2:5432/blogdb%20test_1?ssl=true&password=secret");
        assertThat(other.database()).contains("blogdb test_1");
        assertThat(other).hasToString("jdbc:postgresql://h1:6000,h2:5432/blogdb%20test_1?ssl=true&password=***");
    }

    @Test
    void theSameDatabaseOnAnotherAddressIsHowAProxyIsReached() {
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://db.internal:6543/blog?ssl=true");

        assertThat(url.host()).isEqualTo("db.internal");
        assertThat(url.port()).isEqualTo(6543);
        assertThat(url.withAddress("127.0.0.1", 40000).value())
                .isEqualTo("jdbc:postgresql://127.0.0.1:40000/blog?ssl=true");
        assertThat(JdbcUrl.parse("jdbc:postgresql://db/blog").port()).isEqualTo(5432);
    }

    @Test
    void aUrlWithoutADatabaseNamesNone() {
        assertThat(JdbcUrl.parse("jdbc:postgresql://localhost:5432/").database())
                .isEmpty();
        assertThat(JdbcUrl.parse("jdbc:postgresql:blog").database()).contains("blog");
    }

    @Test
    void whatTheDriverDoesNotReadIsRefusedWithThePasswordMasked() {
        for (String notOne : new String[] {
            "postgres://db/blog",
            "jdbc:mysql://db/blog",
            "jdbc:postgresql://db",
            "jdbc:postgresql://db:port/blog?password=secret"
        }) {
            assertThatThrownBy(() -> JdbcUrl.parse(notOne))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("not a PostgreSQL JDBC URL (jdbc:postgresql://HOST[:PORT]/DATABASE): ")
                    .message()
                    .doesNotContain("secret");
        }
        assertThatThrownBy(() -> JdbcUrl.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
