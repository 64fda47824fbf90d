/**
 * blogdb's metrics, in the application's Micrometer registry: {@link dev.blogdb.metrics.BlogDbMetrics}
 * times each repository call, counts its statements, its failures by exception type and the
 * transactions' retries, and binds HikariCP's pool meters. Loaded only when the application passes a
 * registry to {@code BlogDb.connect(...).meterRegistry(...)}: Micrometer is an optional dependency.
 *
 * <p><b>Who may use it:</b> {@code dev.blogdb} ({@code BlogDb}) and its tests; an application names
 * the meters (the constants in {@code BlogDbMetrics}, listed in {@code docs/guarantees.md}) but
 * never calls it. <b>Rule:</b> it depends on {@code dev.blogdb.internal}, Micrometer, HikariCP and
 * jOOQ's runtime, and nothing in the library but {@code dev.blogdb} depends on it.
 */
package dev.blogdb.metrics;
