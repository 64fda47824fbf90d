package dev.blogdb.metrics;

import dev.blogdb.internal.Calls;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * blogdb's meters in an application's {@link MeterRegistry}. {@code BlogDb} creates one only when
 * the application passes a registry, so without one this class is never loaded and Micrometer need
 * not be on the class path. The meters, named by Micrometer's conventions (dots, lower case; each
 * registry renders them its own way):
 *
 * <ul>
 *   <li>{@value #CALLS}, a timer per repository call, tagged {@code repository} ({@code users},
 *       {@code posts}), {@code method} and {@code outcome} ({@code success}, {@code error});
 *   <li>{@value #STATEMENTS}, a distribution summary of the SQL statements each repository call
 *       sent, tagged {@code repository} and {@code method};
 *   <li>{@value #ERRORS}, a counter of failed repository calls, tagged {@code exception} (the simple
 *       class name, such as {@code DuplicateEmailException});
 *   <li>{@value #RETRIES}, a counter of the times {@code BlogDb.transaction} ran a transaction again
 *       after a deadlock or serialization failure;
 *   <li>{@value #LOST_COMMITS}, a counter of the commits of {@code BlogDb.transaction} whose connection
 *       was lost, tagged {@code outcome}: what blogdb then learned ({@code committed},
 *       {@code aborted}) or {@code unknown};
 *   <li>HikariCP's own pool meters ({@code hikaricp.connections}, {@code .active}, {@code .idle},
 *       {@code .pending}, {@code .timeout}, {@code .usage}, ...), tagged {@code pool=blogdb}.
 * </ul>
 *
 * A call made by another call (an update reading the post it found stale) is part of the outer call.
 */
public final class BlogDbMetrics implements Calls.Observer, ExecuteListener {

    /** The timer of repository calls. */
    public static final String CALLS = "blogdb.repository.calls";
    /** The distribution summary of statements per repository call. */
    public static final String STATEMENTS = "blogdb.repository.statements";
    /** The counter of failed repository calls. */
    public static final String ERRORS = "blogdb.errors";
    /** The counter of transaction retries. */
    public static final String RETRIES = "blogdb.transaction.retries";
    /** The counter of commits whose connection was lost, by what became of them. */
    public static final String LOST_COMMITS = "blogdb.transaction.lost.commits";

    private final MeterRegistry registry;
    private final Counter retries;
    private final ThreadLocal<int[]> statementsOfCurrentCall = new ThreadLocal<>();
    // Micrometer finds a meter by building and hashing its id; a call looks its own up once.
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> summaries = new ConcurrentHashMap<>();
    private final Map<Class<?>, Counter> errors = new ConcurrentHashMap<>();

    private BlogDbMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.retries = Counter.builder(RETRIES)
                .description("transactions run again after a deadlock or serialization failure")
                .register(registry);
    }

    /** Meters in {@code registry}, and HikariCP's pool meters there too once {@code pool} is opened. */
    public static BlogDbMetrics of(MeterRegistry registry, HikariConfig pool) {
        pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        return new BlogDbMetrics(registry);
    }

    /** {@code dsl} with its statements counted and the calls of repositories over it timed. */
    public DSLContext instrument(DSLContext dsl) {
        return Calls.observedBy(dsl.configuration().deriveAppending(this).dsl(), this);
    }

    /** Counts one retry of a transaction. */
    public void retried() {
        retries.increment();
    }

    /** Counts a commit whose connection was lost; {@code outcome}: committed, aborted or unknown. */
    public void lostCommit(String outcome) {
        Counter.builder(LOST_COMMITS)
                .description("commits whose connection was lost, by what became of them")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    @Override
    public <T> T observe(String repository, String method, Supplier<T> call) {
        if (statementsOfCurrentCall.get() != null) {
            return call.get();
        }
        int[] statements = {0};
        statementsOfCurrentCall.set(statements);
        long start = System.nanoTime();
        String outcome = "error";
        try {
            T result = call.get();
            outcome = "success";
            return result;
        } catch (RuntimeException | Error failure) {
            errors.computeIfAbsent(
                            failure.getClass(),
                            type -> Counter.builder(ERRORS)
                                    .description("failed repository calls")
                                    .tag("exception", type.getSimpleName())
                                    .register(registry))
                    .increment();
            throw failure;
        } finally {
            long elapsed = System.nanoTime() - start;
            statementsOfCurrentCall.remove();
            timer(repository, method, outcome).record(elapsed, TimeUnit.NANOSECONDS);
            summary(repository, method).record(statements[0]);
        }
    }

    @Override
    public void executeStart(ExecuteContext context) {
        int[] statements = statementsOfCurrentCall.get();
        if (statements != null) {
            statements[0]++;
        }
    }

    private Timer timer(String repository, String method, String outcome) {
        return timers.computeIfAbsent(
                repository + '.' + method + '.' + outcome,
                key -> Timer.builder(CALLS)
                        .description("repository calls")
                        .tag("repository", repository)
                        .tag("method", method)
                        .tag("outcome", outcome)
                        .register(registry));
    }

    private DistributionSummary summary(String repository, String method) {
        return summaries.computeIfAbsent(
                repository + '.' + method,
                key -> DistributionSummary.builder(STATEMENTS)
                        .description("SQL statements per repository call")
                        .baseUnit("statements")
                        .tag("repository", repository)
                        .tag("method", method)
                        .register(registry));
    }
}
