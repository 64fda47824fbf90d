/**
 * The schema's migrations: {@link dev.blogdb.migration.Migrations} applies, rolls back and inspects
 * the Liquibase changelog that ships on the class path ({@code db/changelog/}), and says which
 * {@link dev.blogdb.migration.Changeset}s each operation concerned. It plans a migration or a
 * rollback without running it ({@link dev.blogdb.migration.MigrationPlan}: the SQL, and the
 * {@link dev.blogdb.migration.DataLoss} it would cause), and verifies that a live database is what
 * the changelog and this build expect ({@link dev.blogdb.migration.Finding}s, against the schema
 * description that the build writes with {@code schema-catalog.sql}).
 *
 * <p><b>Who may use it:</b> everyone; it is public API, also reached through
 * {@code BlogDb.migrations()}. <b>Rule:</b> it depends on {@code dev.blogdb.core},
 * {@code dev.blogdb.internal}, the generated {@code dev.blogdb.jooq} and Liquibase, and on no feature.
 */
package dev.blogdb.migration;
