package dev.blogdb.replica;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import com.zaxxer.hikari.HikariDataSource;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Query;
import org.jooq.ResultQuery;
import org.jooq.Select;

/**
 * Hands jOOQ a replica's connection for a read and the primary's for everything else, and keeps the
 * read-your-writes promise: after each connection that may have written goes back, it reads the
 * primary's WAL insert position, and a replica serves a later read only once it has replayed that
 * far (one statement on the replica per read, which also proves it alive); otherwise the read goes
 * to the primary at once, without waiting.
 *
 * <p>What is a read: a jOOQ {@link Select} (or a query of plain SQL that starts with {@code select},
 * as the repositories send a Select's SQL that they rendered once) through a context that {@link #routing} made, with no
 * row lock ({@code FOR UPDATE}, {@code FOR SHARE}...), no sequence function ({@code nextval},
 * {@code setval}) and no data-modifying {@code WITH}. The decision is taken once the statement is
 * rendered, just before jOOQ asks for its connection (on the same thread), and handed over in a
 * thread-local that the connection's request consumes and the statement's end clears. Inside a
 * transaction jOOQ asks the transaction for the connection, never this router: the flag is then
 * cleared unused, and every statement of a transaction goes where its {@code BEGIN} went, the primary.
 */
public final class ReadRouter implements ConnectionProvider, ExecuteListener, AutoCloseable {

    /**
     * SQL that a Select may hold and that a standby refuses or that must see the primary's rows: a
     * row lock, a sequence function, a data-modifying WITH. Values are bound, never in the SQL, so
     * no title or email can match.
     */
    private static final Pattern WRITES_OR_LOCKS = Pattern.compile(
            "\\bfor\\s+(update|share|no\\s+key\\s+update|key\\s+share)\\b"
                    + "|\\b(nextval|setval)\\s*\\(|\\binsert\\s+into\\b|\\bdelete\\s+from\\b|\\bupdate\\s+\\S+\\s+set\\b");

    /** How many of the primary's recent positions are kept to tell a replica's lag by. */
    private static final int POSITIONS_KEPT = 600;

    /** The position recorded when a write's own could not be read: every read goes to the primary. */
    private static final long UNKNOWN = Long.MAX_VALUE;

    private static final ThreadLocal<Boolean> READ_NEXT = new ThreadLocal<>();

    private final ConnectionProvider primary;
    private final List<Replica> replicas;
    private final Optional<Duration> maxLag;
    private final AtomicLong lastWrite = new AtomicLong();
    private final AtomicInteger nextReplica = new AtomicInteger();
    private final AtomicLong primaryReads = new AtomicLong();
    private final AtomicLong readsBehindWrites = new AtomicLong();
    private final AtomicLong readsWithoutReplica = new AtomicLong();
    /** The connections handed out, and where from: a replica, or {@link #PRIMARY_READ}/{@link #PRIMARY}. */
    private final Map<Connection, Object> handedOut = new ConcurrentHashMap<>();

    private static final Object PRIMARY = new Object();
    private static final Object PRIMARY_READ = new Object();

    private final ArrayDeque<long[]> primaryPositions = new ArrayDeque<>();
    private final ScheduledExecutorService checker;

    /**
     * A router over {@code primary} and the replicas' pools (keyed by their password-free URLs), which
     * checks each replica now and then every {@code checkInterval}.
     */
    public ReadRouter(
            ConnectionProvider primary,
            Map<String, HikariDataSource> replicaPools,
            Optional<Duration> maxLag,
            Duration checkInterval) {
        this.primary = primary;
        this.maxLag = maxLag;
        List<Replica> all = new ArrayList<>();
        replicaPools.forEach((url, pool) -> all.add(new Replica(url, pool)));
        this.replicas = List.copyOf(all);
        checkReplicas();
        this.checker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "blogdb-replica-check");
            thread.setDaemon(true);
            return thread;
        });
        long every = checkInterval.toMillis();
        checker.scheduleWithFixedDelay(this::checkReplicas, every, every, TimeUnit.MILLISECONDS);
    }

    /** {@code dsl} (which must hand out this router's connections) with its reads routed. */
    public DSLContext routing(DSLContext dsl) {
        return dsl.configuration().deriveAppending(this).dsl();
    }

    @Override
    public void renderEnd(ExecuteContext context) {
        READ_NEXT.remove();
        if (context.sql() != null
                && isSelect(context.query(), context.sql())
                && !WRITES_OR_LOCKS
                        .matcher(context.sql().toLowerCase(Locale.ROOT))
                        .find()) {
            READ_NEXT.set(Boolean.TRUE);
        }
    }

    /**
     * A Select, or the SQL of one kept by {@code RenderedOnce} and sent as a plain-SQL query. Any
     * other statement that returns rows ({@code INSERT ... RETURNING}, {@code WITH ...}) is not.
     */
    private static boolean isSelect(Query query, String sql) {
        return query instanceof Select<?>
                || (query instanceof ResultQuery<?> && sql.regionMatches(true, 0, "select ", 0, 7));
    }

    @Override
    public void end(ExecuteContext context) {
        READ_NEXT.remove();
    }

    @Override
    public Connection acquire() {
        boolean read = READ_NEXT.get() != null;
        READ_NEXT.remove();
        if (!read) {
            return fromPrimary(PRIMARY);
        }
        long required = lastWrite.get();
        List<Replica> usable = new ArrayList<>(replicas.size());
        for (Replica replica : replicas) {
            if (replica.available() && maxLag.map(replica::lagsAtMost).orElse(true)) {
                usable.add(replica);
            }
        }
        boolean behind = false;
        if (required != UNKNOWN) {
            int start = Math.floorMod(nextReplica.getAndIncrement(), Math.max(1, usable.size()));
            for (int i = 0; i < usable.size(); i++) {
                Replica replica = usable.get((start + i) % usable.size());
                Replica.Offer offer = replica.offer(required);
                if (offer.answer() == Replica.Answer.SERVES) {
                    handedOut.put(offer.connection(), replica);
                    return offer.connection();
                }
                behind |= offer.answer() == Replica.Answer.BEHIND;
            }
        }
        (behind || required == UNKNOWN ? readsBehindWrites : readsWithoutReplica).incrementAndGet();
        primaryReads.incrementAndGet();
        return fromPrimary(PRIMARY_READ);
    }

    private Connection fromPrimary(Object purpose) {
        Connection connection = primary.acquire();
        handedOut.put(connection, purpose);
        return connection;
    }

    @Override
    public void release(Connection connection) {
        Object from = handedOut.remove(connection);
        if (from == PRIMARY || from == PRIMARY_READ) {
            if (from == PRIMARY) {
                recordWritePosition(connection);
            }
            primary.release(connection);
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // The replica's pool takes back a connection it cannot reset; the read has its rows.
        }
    }

    /**
     * Records where the primary's WAL stands after what {@code connection} may have committed: read
     * on that connection whatever its auto-commit mode, as a commit made on it by hand counts too.
     */
    private void recordWritePosition(Connection connection) {
        try {
            OptionalLong position = Lsn.read(connection, Lsn.PRIMARY);
            if (position.isPresent()) {
                lastWrite.accumulateAndGet(position.getAsLong(), Math::max);
            }
        } catch (SQLException e) {
            // Where the write ended is unknown: reads go to the primary until the checker reads a
            // position the primary has since reached.
            lastWrite.set(UNKNOWN);
        }
    }

    /** Reads the primary's position, then asks each replica how far it has replayed. */
    private void checkReplicas() {
        long now = System.nanoTime();
        try {
            Connection connection = primary.acquire();
            try {
                OptionalLong position = Lsn.read(connection, Lsn.PRIMARY);
                if (position.isPresent()) {
                    rememberPrimaryPosition(position.getAsLong(), now);
                    lastWrite.compareAndSet(UNKNOWN, position.getAsLong());
                }
            } finally {
                primary.release(connection);
            }
        } catch (SQLException | RuntimeException e) {
            // The primary is down: replicas are still checked, their lag measured against what was read before.
        }
        long[] positions;
        long[] readAt;
        synchronized (primaryPositions) {
            positions = primaryPositions.stream().mapToLong(sample -> sample[0]).toArray();
            readAt = primaryPositions.stream().mapToLong(sample -> sample[1]).toArray();
        }
        for (Replica replica : replicas) {
            replica.check(positions, readAt);
        }
    }

    private void rememberPrimaryPosition(long position, long readAt) {
        synchronized (primaryPositions) {
            primaryPositions.addLast(new long[] {position, readAt});
            while (primaryPositions.size() > POSITIONS_KEPT) {
                primaryPositions.removeFirst();
            }
        }
    }

    /** Where the reads went so far, and how each replica stands. */
    public ReadRouting readRouting() {
        return new ReadRouting(
                primaryReads.get(),
                readsBehindWrites.get(),
                readsWithoutReplica.get(),
                replicas.stream().map(Replica::state).toList());
    }

    /** Stops checking and closes the replicas' pools (not the primary's). */
    @Override
    public void close() {
        checker.shutdownNow();
        replicas.forEach(Replica::close);
    }
}
