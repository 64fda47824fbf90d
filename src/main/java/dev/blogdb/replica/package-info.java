/**
 * Read replicas: which server a read-only statement goes to. {@link dev.blogdb.replica.ReadRouter}
 * hands jOOQ a connection to a hot standby for a plain {@code SELECT} run outside a transaction, when
 * that standby has replayed at least up to the last write the same {@code BlogDb} committed (and,
 * if asked, lags no more than a bound); everything else, and every read no standby may serve, goes
 * to the primary. {@link dev.blogdb.replica.ReadRouting} is what it did, as plain counters.
 *
 * <p><b>Who may use it:</b> {@code dev.blogdb} builds the router; applications and the command
 * line read {@link dev.blogdb.replica.ReadRouting} and {@link dev.blogdb.replica.ReplicaState}.
 * <b>Rule:</b> it depends on no blogdb package, only on HikariCP and jOOQ's runtime: it routes
 * connections and knows no table. The design and its limits: {@code docs/scaling.md}.
 */
package dev.blogdb.replica;
