package dev.blogdb.bench;

import dev.blogdb.post.PostWithAuthor;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** W5: a feed page at increasing depth, by blogdb's keyset, by hand-written keyset, and by OFFSET. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FeedDepth {

    /** The depths W5 is measured at; page 500 is the workload's own. */
    public static final List<Integer> PAGES = List.of(1, 100, 500);

    @Param({"1", "100", "500"})
    public int page;

    private BenchEnvironment environment;
    private Targets.FeedPosition position;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        environment = BenchEnvironment.fromSystemProperties();
        position = Targets.feedPage(environment.blogDb().posts(), page);
    }

    @TearDown(Level.Trial)
    public void close() {
        environment.close();
    }

    @Benchmark
    public List<PostWithAuthor> w5_blogdb() {
        return environment.blogDbSide.feed(position);
    }

    @Benchmark
    public List<PostWithAuthor> w5_jdbc() throws SQLException {
        return environment.jdbcSide.feedByKeyset(position);
    }

    @Benchmark
    public List<PostWithAuthor> w5_offset() throws SQLException {
        return environment.jdbcSide.feedByOffset(position);
    }
}
