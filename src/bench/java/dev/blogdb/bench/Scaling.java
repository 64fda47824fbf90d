package dev.blogdb.bench;

import dev.blogdb.post.PostWithAuthor;
import dev.blogdb.post.UserWithPosts;

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

/**
 * How cost grows with concurrent callers: W1 and W2 on both sides, run by {@link BenchmarkMain}
 * at 1, 2, 4 and 8 JMH threads sharing one environment (one pool per side, as an application has).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class Scaling {

    /** The numbers of concurrent callers measured. */
    public static final List<Integer> CALLERS = List.of(1, 2, 4, 8);

    private BenchEnvironment environment;
    private Targets.FeedPosition top;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        environment = BenchEnvironment.fromSystemProperties();
        top = Targets.feedPage(environment.blogDb().posts(), 1);
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
    public List<PostWithAuthor> w2_blogdb() {
        return environment.blogDbSide.feed(top);
    }

    @Benchmark
    public List<PostWithAuthor> w2_jdbc() throws SQLException {
        return environment.jdbcSide.feedByKeyset(top);
    }
}
