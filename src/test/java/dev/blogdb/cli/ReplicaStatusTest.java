package dev.blogdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blogdb.server.ThrowawayDatabase;
import dev.blogdb.testing.TestDatabases;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code blogdb status} with replicas: each one's state as the router's first check found it. A
 * real standby is in {@code ReadReplicaTest}; here, a replica that refuses (nothing listens) and
 * one that is no standby (the primary itself), which any server can provide.
 */
class ReplicaStatusTest {

    private static final String NOTHING_LISTENS = "jdbc:postgresql://localhost:1/blog";

    private final ThrowawayDatabase database = TestDatabases.migrated();

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void statusListsEachReplicaGivenWithWhyItServesNoReads() {
        Cli.Outcome outcome =
                Cli.plain().run(database, "status", "--replica", NOTHING_LISTENS, "--replica", database.jdbcUrl());

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out().lines().toList()).hasSize(4).satisfies(lines -> {
            assertThat(lines.get(0))
                    .isEqualTo("Up to date: every changeset has been applied to " + database.jdbcUrl() + ".");
            assertThat(lines.get(1)).isEqualTo("2 replicas:");
            assertThat(lines.get(2)).startsWith("  " + NOTHING_LISTENS + "  unavailable: ");
            assertThat(lines.get(3))
                    .isEqualTo(
                            "  " + database.jdbcUrl() + "  unavailable: not a standby: the server is not in recovery");
        });
    }

    @Test
    void statusTakesTheReplicasFromTheEnvironmentAndReportsThemInJson() {
        Cli.Outcome outcome = Cli.plain()
                .withVariables(Map.of("BLOGDB_REPLICA_URLS", database.jdbcUrl()))
                .run(database, "status", "--json");

        assertThat(outcome.exitCode()).isZero();
        JsonNode replica = outcome.json().get("replicas").get(0);
        assertThat(outcome.json().get("pending")).isEmpty();
        assertThat(replica.get("url").asText()).isEqualTo(database.jdbcUrl());
        assertThat(replica.get("available").asBoolean()).isFalse();
        assertThat(replica.get("lagMillis").isNull()).isTrue();
        assertThat(replica.get("problem").asText()).isEqualTo("not a standby: the server is not in recovery");
    }
}
