package dev.blogdb.bench;

import dev.blogdb.bench.hibernate.HibernateSide;
import dev.blogdb.post.PostWithAuthor;
import dev.blogdb.post.UserWithPosts;
import dev.blogdb.user.User;
import dev.blogdb.user.UserDeletion;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * W1 to W4, each through blogdb and through hand-written JDBC, in the same JVM and run. Sampled
 * times give the median and the 90th percentile. Method names are {@code wN_side}; W1x10 is W1 on
 * the heavy users, who have ten times the posts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class Workloads {

    private BenchEnvironment environment;
    private Targets.FeedPosition top;
    private HibernateSide hibernate;

    @Setup(Level.Trial)
    public void open(BenchmarkParams params) throws SQLException {
        environment = BenchEnvironment.fromSystemProperties();
        top = Targets.feedPage(environment.blogDb().posts(), 1);
        // Hibernate starts only in the forks that run its benchmarks.
        if (params.getBenchmark().endsWith("_hibernate")) {
            hibernate = environment.hibernateSide();
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        environment.close();
    }

    @Benchmark
    public List<UserWithPosts> w1_blogdb() {
        return environment.blogDbSide.usersWithPosts(environment.firstUsersPage);
    }

    @Benchmark
    public List<UserWithPosts> w1_jdbc() throws SQLException {
        return environment.jdbcSide.usersWithPosts(0);
    }

    @Benchmark
    public List<UserWithPosts> w1x10_blogdb() {
        return environment.blogDbSide.usersWithPosts(environment.heavyUsersPage);
    }

    @Benchmark
    public List<UserWithPosts> w1x10_jdbc() throws SQLException {
        return environment.jdbcSide.usersWithPosts(environment.targets.heavyPageAfter());
    }

    @Benchmark
    public List<PostWithAuthor> w2_blogdb() {
        return environment.blogDbSide.feed(top);
    }

    @Benchmark
    public List<PostWithAuthor> w2_jdbc() throws SQLException {
        return environment.jdbcSide.feedByKeyset(top);
    }

    @Benchmark
    public UserDeletion w3_blogdb() {
        return environment.blogDbSide.deleteUserAndRollBack(environment.targets.ordinaryUser());
    }

    @Benchmark
    public User w3_jdbc() throws SQLException {
        return environment.jdbcSide.deleteUserAndRollBack(environment.targets.ordinaryUser());
    }

    @Benchmark
    public UserDeletion w3b_blogdb() {
        return environment.blogDbSide.deleteUserAndRollBack(environment.targets.prolificUser());
    }

    @Benchmark
    public User w3b_jdbc() throws SQLException {
        return environment.jdbcSide.deleteUserAndRollBack(environment.targets.prolificUser());
    }

    @Benchmark
    public int w4_blogdb() {
        return environment.blogDbSide.insertPostsAndRollBack(
                environment.targets.ordinaryUser(), environment.targets.w4Posts());
    }

    @Benchmark
    public int w4_jdbc() throws SQLException {
        return environment.jdbcSide.insertPostsByBatchAndRollBack(
                environment.targets.ordinaryUser(), environment.targets.w4Posts());
    }

    @Benchmark
    public int w4_copy() throws SQLException {
        return environment.jdbcSide.insertPostsByCopyAndRollBack(
                environment.targets.ordinaryUser(), environment.targets.w4Posts());
    }

    @Benchmark
    public List<UserWithPosts> w1_hibernate() {
        return hibernate.usersWithPosts(0);
    }

    @Benchmark
    public List<UserWithPosts> w1x10_hibernate() {
        return hibernate.usersWithPosts(environment.targets.heavyPageAfter());
    }

    @Benchmark
    public List<PostWithAuthor> w2_hibernate() {
        return hibernate.feed();
    }

    @Benchmark
    public UserDeletion w3_hibernate() {
        return hibernate.deleteUserAndRollBack(environment.targets.ordinaryUser());
    }

    @Benchmark
    public UserDeletion w3b_hibernate() {
        return hibernate.deleteUserAndRollBack(environment.targets.prolificUser());
    }

    @Benchmark
    public int w4_hibernate() {
        return hibernate.insertPostsAndRollBack(environment.targets.ordinaryUser(), environment.targets.w4Posts());
    }
}
