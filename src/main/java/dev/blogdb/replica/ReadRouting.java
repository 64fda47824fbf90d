package dev.blogdb.replica;

import java.util.List;

/**
 * Where a {@code BlogDb}'s read-only statements went, counted since it opened, and how each replica
 * stands: plain numbers, for an application to export to its metrics.
 *
 * @param primaryReads          read-only statements served by the primary, for whatever reason
 * @param readsBehindWrites     of those, the ones that went there because no available replica had
 *                              replayed this {@code BlogDb}'s last write yet
 * @param readsWithoutReplica   of those, the ones that went there because no replica was available
 *                              (down, refusing, or lagging past the bound)
 * @param replicas              each replica, in the order they were configured
 */
public record ReadRouting(
        long primaryReads, long readsBehindWrites, long readsWithoutReplica, List<ReplicaState> replicas) {

    /** Read-only statements served by replicas, all together. */
    public long replicaReads() {
        return replicas.stream().mapToLong(ReplicaState::reads).sum();
    }
}
