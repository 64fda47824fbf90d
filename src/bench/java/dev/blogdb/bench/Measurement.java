package dev.blogdb.bench;

/**
 * One benchmark's times in one pass.
 *
 * @param workload  "W1", "W1x10", "W2", ... as in the method name {@code wN_side}
 * @param side      "blogdb", "jdbc", "copy", "offset", "hibernate", "sqlalchemy"
 * @param page      the feed page for W5, else 0
 * @param callers   concurrent callers (JMH threads); 1 but for the scaling runs
 * @param pass      which pass of the interleaved passes, from 1; 0 for the scaling runs
 * @param medianMs  the median time of one operation
 * @param p90Ms     its 90th percentile
 * @param meanMs    its mean, from which throughput follows (callers ÷ mean)
 */
public record Measurement(
        String workload, String side, int page, int callers, int pass, double medianMs, double p90Ms, double meanMs) {}
