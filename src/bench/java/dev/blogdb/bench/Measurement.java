package dev.blogdb.bench;

/**
 * One benchmark's sampled times.
 *
 * @param workload  W1 ... W5
 * @param side      blogdb, jdbc, copy or offset
 * @param page      the feed page for W5, else 0
 * @param medianMs  the median time of one operation
 * @param p90Ms     its 90th percentile
 */
public record Measurement(String workload, String side, int page, double medianMs, double p90Ms) {}
