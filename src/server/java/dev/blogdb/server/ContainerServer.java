package dev.blogdb.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The chain's Testcontainers step, bounded in time. Testcontainers on an engine that cannot pull
 * (no registry, an air-gapped runner) retries for minutes before it fails. Here the images it will
 * run (PostgreSQL's, and its own helpers') are looked for first, and one that is missing gets one
 * pull of at most {@value #PULL_SECONDS} s; the whole attempt gets {@value #BOUND_SECONDS} s.
 */
final class ContainerServer {

    /** The most the Testcontainers step may take before the chain goes on without it. */
    static final int BOUND_SECONDS = 45;
    /** Of which the most a pull of one missing image may take. */
    static final int PULL_SECONDS = 20;

    /**
     * What the step came to.
     *
     * @param server     the server, if one was started
     * @param whySkipped why not, in words, if not
     */
    record Attempt(Optional<PostgresServer> server, String whySkipped) {

        static Attempt skipped(String why) {
            return new Attempt(Optional.empty(), why);
        }
    }

    private ContainerServer() {}

    /** Starts PostgreSQL from {@code image} if a Docker engine answers and the image can be had in time. */
    static Attempt start(String image) {
        Optional<String> noEngine = noEngine();
        if (noEngine.isPresent()) {
            return Attempt.skipped(noEngine.get());
        }
        Handoff handoff = new Handoff();
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "blogdb-testcontainers-start");
            thread.setDaemon(true); // an abandoned attempt must not keep the JVM alive
            return thread;
        });
        try {
            Future<PostgresServer> started = executor.submit(() -> handoff.deliver(Testcontainers.start(image)));
            return new Attempt(Optional.of(started.get(BOUND_SECONDS, TimeUnit.SECONDS)), "");
        } catch (TimeoutException e) {
            Optional<PostgresServer> justStarted = handoff.abandon();
            if (justStarted.isPresent()) {
                return new Attempt(justStarted, "");
            }
            return Attempt.skipped("no PostgreSQL container from " + image + " within " + BOUND_SECONDS
                    + " s (an engine that cannot reach a registry retries pulls for minutes)");
        } catch (ExecutionException e) {
            return Attempt.skipped(PostgresServer.oneLine(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handoff.abandon().ifPresent(PostgresServer::close);
            return Attempt.skipped("interrupted while starting a container");
        } finally {
            executor.shutdownNow();
        }
    }

    /** Why Testcontainers cannot be used, found without asking it, or empty if it may. */
    private static Optional<String> noEngine() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory");
        } catch (ClassNotFoundException e) {
            return Optional.of("Testcontainers is not on the class path");
        }
        // Asking Testcontainers on a Linux machine with no engine at all logs a page of errors: look first.
        boolean linux =
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        if (System.getenv("DOCKER_HOST") == null
                && linux
                && linuxDockerSockets().stream().noneMatch(Files::exists)) {
            return Optional.of("no Docker engine (DOCKER_HOST is not set and no Docker socket exists)");
        }
        return Optional.empty();
    }

    private static List<Path> linuxDockerSockets() {
        Path home = Path.of(System.getProperty("user.home"));
        List<Path> sockets = new ArrayList<>(List.of(
                Path.of("/var/run/docker.sock"),
                home.resolve(".docker/run/docker.sock"),
                home.resolve(".docker/desktop/docker.sock")));
        String runtimeDirectory = System.getenv("XDG_RUNTIME_DIR");
        if (runtimeDirectory != null) {
            sockets.add(Path.of(runtimeDirectory, "docker.sock"));
        }
        return sockets;
    }

    /**
     * Hands a started server from the worker to the chain exactly once: if the chain gave up first,
     * the worker stops what it started; if the worker got there first, the chain takes it after all.
     */
    private static final class Handoff {

        private PostgresServer delivered;
        private boolean abandoned;

        /** The worker's side: {@code server} for the chain, or stopped if the chain went on without it. */
        synchronized PostgresServer deliver(PostgresServer server) {
            if (abandoned) {
                server.close();
                throw new IllegalStateException("started after the chain gave up on it");
            }
            delivered = server;
            return server;
        }

        /** The chain's side, when its bound is over: the server, if it was delivered meanwhile. */
        synchronized Optional<PostgresServer> abandon() {
            abandoned = true;
            return Optional.ofNullable(delivered);
        }
    }

    /** Kept apart so that the chain loads where Testcontainers is absent. */
    private static final class Testcontainers {

        static PostgresServer start(String image) throws Exception {
            var factory = org.testcontainers.DockerClientFactory.instance();
            // A client of the engine itself: Testcontainers' own client() starts its reaper
            // container first, pulling its image for minutes where it cannot.
            try (var docker = org.testcontainers.dockerclient.DockerClientProviderStrategy.getClientForConfig(
                    factory.getTransportConfig())) {
                try {
                    docker.pingCmd().exec();
                } catch (RuntimeException e) {
                    throw new IllegalStateException(
                            "the Docker engine does not answer: " + PostgresServer.oneLine(e), e);
                }
                for (Needed needed : imagesNeeded(image)) {
                    if (!present(docker, needed.image())) {
                        pull(docker, needed);
                    }
                }
            }
            var container = new org.testcontainers.postgresql.PostgreSQLContainer(
                    org.testcontainers.utility.DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"));
            try {
                container.start();
            } catch (RuntimeException e) {
                container.close();
                throw new IllegalStateException(
                        "Testcontainers could not start PostgreSQL from " + image + ": " + PostgresServer.oneLine(e),
                        e);
            }
            try {
                return new PostgresServer(
                        new ConnectionSettings(
                                JdbcUrl.parse(container.getJdbcUrl()),
                                container.getUsername(),
                                Optional.of(container.getPassword()),
                                Optional.empty()),
                        PostgresServer.Kind.CONTAINER,
                        "in a Testcontainers container (" + image.toLowerCase(Locale.ROOT) + ")",
                        container);
            } catch (SQLException e) {
                container.close();
                throw new IllegalStateException(
                        "the container from " + image + " does not answer: " + e.getMessage(), e);
            }
        }

        /**
         * An image Testcontainers will run.
         *
         * @param image the image
         * @param hint  how to do without it, if one can
         */
        private record Needed(String image, String hint) {}

        /** PostgreSQL's image, and the helper images Testcontainers runs before it. */
        private static List<Needed> imagesNeeded(String image) {
            var configuration = org.testcontainers.utility.TestcontainersConfiguration.getInstance();
            List<Needed> needed = new ArrayList<>(List.of(
                    new Needed(image, "set " + Setting.POSTGRES_IMAGE.variable() + " to an image the engine has")));
            if (!Boolean.parseBoolean(configuration.getEnvVarOrProperty("ryuk.disabled", "false"))) {
                needed.add(new Needed(
                        configuration.getRyukImage(),
                        "or set TESTCONTAINERS_RYUK_DISABLED=true: blogdb stops its containers itself"));
            }
            // Inside a container Testcontainers runs a tiny image to find the engine's address, unless told.
            if (Files.exists(Path.of("/.dockerenv"))
                    && configuration.getEnvVarOrUserProperty("host.override", null) == null) {
                needed.add(new Needed(configuration.getTinyImage(), "or set TESTCONTAINERS_HOST_OVERRIDE=localhost"));
            }
            // As Testcontainers will name them: a configured prefix (a registry mirror) applies.
            return needed.stream()
                    .map(one -> new Needed(substituted(one.image()), one.hint()))
                    .toList();
        }

        private static String substituted(String image) {
            return org.testcontainers.utility.ImageNameSubstitutor.instance()
                    .apply(org.testcontainers.utility.DockerImageName.parse(image))
                    .asCanonicalNameString();
        }

        private static boolean present(com.github.dockerjava.api.DockerClient docker, String image) {
            try {
                docker.inspectImageCmd(image).exec();
                return true;
            } catch (com.github.dockerjava.api.exception.NotFoundException e) {
                return false;
            }
        }

        private static void pull(com.github.dockerjava.api.DockerClient docker, Needed needed)
                throws InterruptedException {
            var name = org.testcontainers.utility.DockerImageName.parse(needed.image());
            String missing = "the image " + needed.image() + " is not on the Docker engine, and ";
            var pull = new Pull();
            docker.pullImageCmd(name.getUnversionedPart())
                    .withTag(name.getVersionPart())
                    .exec(pull);
            if (!pull.awaitCompletion(PULL_SECONDS, TimeUnit.SECONDS)) {
                try {
                    pull.close(); // or the engine goes on pulling
                } catch (java.io.IOException closing) {
                    // the engine's stream is gone either way
                }
                throw new IllegalStateException(
                        missing + "pulling it took over " + PULL_SECONDS + " s; " + needed.hint());
            }
            if (pull.failure != null) {
                throw new IllegalStateException(
                        missing + "pulling it failed (" + PostgresServer.oneLine(pull.failure) + "); " + needed.hint(),
                        pull.failure);
            }
        }

        /** A pull's outcome, kept rather than logged: the chain reports it in one line of its own. */
        private static final class Pull
                extends com.github.dockerjava.api.async.ResultCallback.Adapter<
                        com.github.dockerjava.api.model.PullResponseItem> {

            private volatile Throwable failure;

            @Override
            public void onError(Throwable throwable) {
                failure = throwable;
                try {
                    close();
                } catch (java.io.IOException closing) {
                    throwable.addSuppressed(closing);
                }
            }
        }
    }
}
