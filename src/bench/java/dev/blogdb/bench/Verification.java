package dev.blogdb.bench;

import dev.blogdb.Repositories;
import dev.blogdb.bench.hibernate.HibernateSide;
import dev.blogdb.core.PageRequest;
import dev.blogdb.post.PostRepository;
import dev.blogdb.post.UserWithPosts;
import dev.blogdb.user.UserDeletion;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Runs every workload once on both sides before anything is timed: their results must be equal
 * (else the comparison is meaningless), and it counts the SQL statements each sends per operation.
 */
public final class Verification {

    private Verification() {}

    /**
     * @return statements per operation, by workload, as "blogdb / JDBC"
     * @throws IllegalStateException if the two sides disagree on any result
     */
    public static Map<String, String> run(
            DSLContext blogDbContext, JdbcSide jdbc, HibernateSide hibernate, Targets targets, List<Integer> feedDepths)
            throws SQLException {
        AtomicInteger blogDbStatements = new AtomicInteger();
        DSLContext counted = blogDbContext
                .configuration()
                .deriveAppending(new ExecuteListener() {
                    @Override
                    public void executeStart(ExecuteContext context) {
                        blogDbStatements.incrementAndGet();
                    }
                })
                .dsl();
        BlogDbSide blogDb = new BlogDbSide(counted);
        PostRepository posts = Repositories.over(blogDbContext).posts(); // uncounted: only finds where pages start
        Map<String, String> statements = new LinkedHashMap<>();
        Counter counter = new Counter(blogDbStatements, jdbc);

        same(
                "W1",
                counter.of(() -> blogDb.usersWithPosts(PageRequest.first(Targets.USERS_PAGE))),
                counter.jdbc(() -> jdbc.usersWithPosts(0)));
        statements.put("W1", counter.last());
        PageRequest heavyPage =
                Targets.usersPageAfter(Repositories.over(blogDbContext).users(), targets.heavyPageAfter());
        List<UserWithPosts> heavy = counter.of(() -> blogDb.usersWithPosts(heavyPage));
        same("W1x10", heavy, counter.jdbc(() -> jdbc.usersWithPosts(targets.heavyPageAfter())));
        statements.put("W1x10", counter.last());
        Targets.FeedPosition top = Targets.feedPage(posts, 1);
        same("W2", counter.of(() -> blogDb.feed(top)), counter.jdbc(() -> jdbc.feedByKeyset(top)));
        statements.put("W2", counter.last());
        // The plain cascading delete cannot count what the cascade removed: blogdb's count is
        // checked against the data set instead.
        same(
                "W3",
                counter.of(() -> blogDb.deleteUserAndRollBack(targets.ordinaryUser())),
                new UserDeletion(
                        counter.jdbc(() -> jdbc.deleteUserAndRollBack(targets.ordinaryUser())),
                        targets.ordinaryPosts()));
        statements.put("W3", counter.last());
        same(
                "W3b",
                counter.of(() -> blogDb.deleteUserAndRollBack(targets.prolificUser())),
                new UserDeletion(
                        counter.jdbc(() -> jdbc.deleteUserAndRollBack(targets.prolificUser())),
                        targets.prolificPosts()));
        statements.put("W3b", counter.last());
        same("W1 Hibernate", blogDb.usersWithPosts(PageRequest.first(Targets.USERS_PAGE)), hibernate.usersWithPosts(0));
        same("W1x10 Hibernate", heavy, hibernate.usersWithPosts(targets.heavyPageAfter()));
        same("W2 Hibernate", blogDb.feed(top), hibernate.feed());
        same(
                "W3 Hibernate",
                blogDb.deleteUserAndRollBack(targets.ordinaryUser()),
                hibernate.deleteUserAndRollBack(targets.ordinaryUser()));
        same(
                "W4 Hibernate",
                hibernate.insertPostsAndRollBack(targets.ordinaryUser(), targets.w4Posts()),
                targets.w4Posts().size());
        same(
                "W4",
                counter.of(() -> blogDb.insertPostsAndRollBack(targets.ordinaryUser(), targets.w4Posts())),
                counter.jdbc(() -> jdbc.insertPostsByBatchAndRollBack(targets.ordinaryUser(), targets.w4Posts())));
        // jOOQ's listener sees blogdb's id reservation, not its COPY; JDBC counts each batched row.
        statements.put("W4", counter.last().replaceFirst("^1 / ", "1 + COPY / ") + " rows in one batch");
        same(
                "W4 COPY",
                jdbc.insertPostsByCopyAndRollBack(targets.ordinaryUser(), targets.w4Posts()),
                targets.w4Posts().size());
        for (int depth : feedDepths) {
            Targets.FeedPosition position = Targets.feedPage(posts, depth);
            same(
                    "W5 page " + depth,
                    counter.of(() -> blogDb.feed(position)),
                    counter.jdbc(() -> jdbc.feedByKeyset(position)));
            same("W5 OFFSET page " + depth, jdbc.feedByOffset(position), jdbc.feedByKeyset(position));
        }
        statements.put("W5", counter.last());
        return statements;
    }

    private static void same(String workload, Object blogDb, Object jdbc) {
        if (blogDb instanceof List<?> list && list.isEmpty()) {
            throw new IllegalStateException(workload + ": blogdb returned nothing, which proves nothing");
        }
        if (!Objects.equals(blogDb, jdbc)) {
            throw new IllegalStateException(workload + ": blogdb and JDBC returned different results");
        }
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** Counts the statements of the last operation on each side. */
    private static final class Counter {
        private final AtomicInteger blogDbStatements;
        private final JdbcSide jdbc;
        private int blogDbLast;
        private int jdbcLast;

        Counter(AtomicInteger blogDbStatements, JdbcSide jdbc) {
            this.blogDbStatements = blogDbStatements;
            this.jdbc = jdbc;
        }

        <T> T of(java.util.function.Supplier<T> blogDbWork) {
            int before = blogDbStatements.get();
            T result = blogDbWork.get();
            blogDbLast = blogDbStatements.get() - before;
            return result;
        }

        <T> T jdbc(SqlWork<T> jdbcWork) throws SQLException {
            int before = jdbc.statements();
            T result = jdbcWork.run();
            jdbcLast = jdbc.statements() - before;
            return result;
        }

        String last() {
            return blogDbLast + " / " + jdbcLast;
        }
    }
}
