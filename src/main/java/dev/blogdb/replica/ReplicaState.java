package dev.blogdb.replica;

import java.time.Duration;
import java.util.Optional;

/**
 * One replica as the router last saw it.
 *
 * @param url       its JDBC URL, password-free
 * @param available whether it answered its last check as a standby; reads skip it while not
 * @param lag       how far behind the primary it was at its last check: zero if it had replayed
 *                  everything the primary had written just before; else the time since it last had.
 *                  Known to within one check interval; empty until it has been seen caught up once
 * @param replayed  the WAL position it had replayed at its last check, as PostgreSQL writes it ({@code 0/3000148})
 * @param reads     how many statements it has served
 * @param problem   why it is unavailable, if it is
 */
public record ReplicaState(
        String url, boolean available, Optional<Duration> lag, String replayed, long reads, Optional<String> problem) {}
