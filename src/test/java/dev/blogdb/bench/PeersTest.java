package dev.blogdb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blogdb.BlogDb;
import dev.blogdb.bench.hibernate.HibernateSide;
import dev.blogdb.bench.sqlalchemy.PeerChecksums;
import dev.blogdb.bench.sqlalchemy.PeerSqlAlchemy;
import dev.blogdb.core.PageRequest;
import dev.blogdb.server.ThrowawayDatabase;
import dev.blogdb.testing.TestDatabases;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's peers on the tiny data set: every Hibernate and SQLAlchemy workload returns what
 * blogdb's does, and the inserts of W4 reach the database before the rollback. Nothing here is timed
 * against anything. The SQLAlchemy part is skipped, saying why, where Debian's python3-sqlalchemy is
 * not installed (.ci/bench-peers.sh installs it).
 */
class PeersTest {

    @Test
    void hibernateReturnsWhatBlogDbReturns() throws Exception {
        try (ThrowawayDatabase database = TestDatabases.empty()) {
            try (BlogDb blog = BlogDb.connect(database.settings()).migrate(true).open();
                    Connection connection = database.connect()) {
                DataSet.TINY.load(blog, connection);
                countInsertedRows(connection);
            }
            try (BenchEnvironment environment = new BenchEnvironment(database.settings(), DataSet.TINY);
                    HibernateSide hibernate = new HibernateSide(database.settings(), 4);
                    Connection connection = database.connect()) {
                BlogDbSide blogDb = environment.blogDbSide;
                Targets targets = environment.targets;
                Targets.FeedPosition top = Targets.feedPage(environment.blogDb().posts(), 1);

                assertThat(hibernate.usersWithPosts(0))
                        .hasSize(Targets.USERS_PAGE)
                        .isEqualTo(blogDb.usersWithPosts(PageRequest.first(Targets.USERS_PAGE)));
                assertThat(hibernate.usersWithPosts(targets.heavyPageAfter()))
                        .hasSize(Targets.USERS_PAGE)
                        .isEqualTo(blogDb.usersWithPosts(environment.heavyUsersPage));
                assertThat(hibernate.usersWithPostsInTwoQueries())
                        .isEqualTo(blogDb.usersWithPosts(PageRequest.first(Targets.USERS_PAGE)));
                assertThat(hibernate.feed()).hasSize(Targets.FEED_PAGE).isEqualTo(blogDb.feed(top));
                for (var user : List.of(targets.ordinaryUser(), targets.prolificUser())) {
                    assertThat(hibernate.deleteUserAndRollBack(user)).isEqualTo(blogDb.deleteUserAndRollBack(user));
                }
                assertThat(hibernate
                                .deleteUserAndRollBack(targets.prolificUser())
                                .postsDeleted())
                        .isEqualTo(DataSet.TINY.prolificPosts());

                long before = insertedRows(connection);
                assertThat(hibernate.insertPostsAndRollBack(targets.ordinaryUser(), targets.w4Posts()))
                        .isEqualTo(Targets.W4_POSTS);
                assertThat(insertedRows(connection) - before).isEqualTo(Targets.W4_POSTS);
                assertThat(hibernate.insertPostsBySessionAndRollBack(targets.ordinaryUser(), targets.w4Posts()))
                        .isEqualTo(Targets.W4_POSTS);
                assertThat(insertedRows(connection) - before).isEqualTo(2L * Targets.W4_POSTS);
                assertThat(postCount(connection)).isEqualTo(DataSet.TINY.posts());
            }
        }
    }

    @Test
    void sqlAlchemyReturnsWhatBlogDbReturns() throws Exception {
        try (ThrowawayDatabase database = TestDatabases.empty()) {
            try (BlogDb blog = BlogDb.connect(database.settings()).migrate(true).open();
                    Connection connection = database.connect()) {
                DataSet.TINY.load(blog, connection);
                countInsertedRows(connection);
            }
            try (BenchEnvironment environment = new BenchEnvironment(database.settings(), DataSet.TINY);
                    Connection connection = database.connect()) {
                BlogDbSide blogDb = environment.blogDbSide;
                Targets targets = environment.targets;
                long before = insertedRows(connection);
                PeerSqlAlchemy.Outcome outcome = PeerSqlAlchemy.run(
                        database.settings(),
                        targets.ordinaryUser().value(),
                        targets.prolificUser().value(),
                        targets.heavyPageAfter(),
                        Targets.W4_POSTS,
                        0.1,
                        0.3,
                        Duration.ofMinutes(2),
                        List.of());
                Assumptions.assumeTrue(outcome instanceof PeerSqlAlchemy.Measured, outcome::toString);
                var measured = (PeerSqlAlchemy.Measured) outcome;
                assertThat(measured.sqlAlchemy()).isNotBlank();

                Map<String, Map<String, String>> expected = Map.of(
                        "W1", PeerChecksums.users(blogDb.usersWithPosts(PageRequest.first(Targets.USERS_PAGE))),
                        "W1x10", PeerChecksums.users(blogDb.usersWithPosts(environment.heavyUsersPage)),
                        "W2",
                                PeerChecksums.feed(blogDb.feed(
                                        Targets.feedPage(environment.blogDb().posts(), 1))),
                        "W3", PeerChecksums.deletion(blogDb.deleteUserAndRollBack(targets.ordinaryUser())),
                        "W3b", PeerChecksums.deletion(blogDb.deleteUserAndRollBack(targets.prolificUser())),
                        "W4", PeerChecksums.inserted(Targets.W4_POSTS));
                assertThat(measured.workloads()).containsOnlyKeys(expected.keySet());
                int w4Calls = 0;
                for (var workload : measured.workloads().entrySet()) {
                    List<PeerSqlAlchemy.Workload> variants =
                            new java.util.ArrayList<>(workload.getValue().alternatives());
                    variants.add(workload.getValue());
                    for (PeerSqlAlchemy.Workload variant : variants) {
                        assertThat(variant.checksum())
                                .as(workload.getKey() + " by " + variant.variant())
                                .isEqualTo(expected.get(workload.getKey()));
                        assertThat(variant.samples()).isPositive();
                        assertThat(variant.p90Ms())
                                .isGreaterThanOrEqualTo(variant.medianMs())
                                .isPositive();
                        if (workload.getKey().equals("W4")) {
                            w4Calls += variant.samples() + 1; // + the call that made the checksum
                        }
                    }
                }
                assertThat(insertedRows(connection) - before).isGreaterThanOrEqualTo((long) w4Calls * Targets.W4_POSTS);
                assertThat(postCount(connection)).isEqualTo(DataSet.TINY.posts());
                System.out.println("tiny data set, SQLAlchemy peer: " + measured);
            }
        }
    }

    /**
     * A sequence, which no rollback resets, counts every row inserted into posts: proof that a
     * side's inserts reached the database although it rolls them back.
     */
    private static void countInsertedRows(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SEQUENCE inserted_posts");
            statement.execute("CREATE FUNCTION count_inserted_post() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$ BEGIN PERFORM nextval('inserted_posts'); RETURN NULL; END $$");
            statement.execute("CREATE TRIGGER count_inserted_posts AFTER INSERT ON posts"
                    + " FOR EACH ROW EXECUTE FUNCTION count_inserted_post()");
            statement.execute("SELECT nextval('inserted_posts')");
        }
    }

    private static long insertedRows(Connection connection) throws SQLException {
        return single(connection, "SELECT last_value FROM inserted_posts");
    }

    private static long postCount(Connection connection) throws SQLException {
        return single(connection, "SELECT count(*) FROM posts");
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
