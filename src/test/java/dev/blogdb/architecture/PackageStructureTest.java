package dev.blogdb.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The shape of blogdb's code, read from the compiled classes with the JDK's {@code jdeps} and
 * {@code javap}, as docs/architecture.md draws it: packages depend on each other in a tree, each
 * only on what it may, the command line only on the public API, and every package says what it is.
 */
class PackageStructureTest {

    private static final Path CLASSES = Path.of("target", "classes");
    private static final Path TEST_CLASSES = Path.of("target", "test-classes");
    /** The generated jOOQ code is one unit: its own packages refer to each other, as jOOQ generates them. */
    private static final String GENERATED = "dev.blogdb.jooq";

    /** What each package may depend on among blogdb's; a change here is a change of architecture. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("dev.blogdb.core", Set.of()),
            Map.entry("dev.blogdb.server", Set.of()),
            Map.entry("dev.blogdb.internal", Set.of("dev.blogdb.core")),
            Map.entry(GENERATED, Set.of("dev.blogdb.core")),
            Map.entry("dev.blogdb.user", Set.of("dev.blogdb.core", "dev.blogdb.internal", GENERATED)),
            Map.entry(
                    "dev.blogdb.post", Set.of("dev.blogdb.core", "dev.blogdb.internal", GENERATED, "dev.blogdb.user")),
            Map.entry(
                    "dev.blogdb.bulk", Set.of("dev.blogdb.core", "dev.blogdb.internal", GENERATED, "dev.blogdb.user")),
            Map.entry("dev.blogdb.migration", Set.of("dev.blogdb.core", "dev.blogdb.internal", GENERATED)),
            // Metrics see the repositories' calls only through internal.Calls, so no feature depends on them.
            Map.entry("dev.blogdb.metrics", Set.of("dev.blogdb.internal")),
            Map.entry("dev.blogdb.replica", Set.of("dev.blogdb.core")),
            Map.entry(
                    "dev.blogdb",
                    Set.of(
                            "dev.blogdb.core",
                            "dev.blogdb.internal",
                            "dev.blogdb.server",
                            "dev.blogdb.user",
                            "dev.blogdb.post",
                            "dev.blogdb.bulk",
                            "dev.blogdb.migration",
                            "dev.blogdb.metrics",
                            "dev.blogdb.replica")),
            Map.entry(
                    "dev.blogdb.cli",
                    Set.of(
                            "dev.blogdb",
                            "dev.blogdb.core",
                            "dev.blogdb.server",
                            "dev.blogdb.user",
                            "dev.blogdb.post",
                            "dev.blogdb.bulk",
                            "dev.blogdb.migration",
                            "dev.blogdb.replica")));

    @Test
    void everyPackageDependsOnlyOnWhatItsLayerAllows() {
        Map<String, Set<String>> dependencies = packageDependencies(CLASSES);

        assertThat(dependencies.keySet())
                .as("the packages there are")
                .containsExactlyInAnyOrderElementsOf(ALLOWED.keySet());
        dependencies.forEach((from, to) -> assertThat(to)
                .as("what %s depends on (see docs/architecture.md)", from)
                .isSubsetOf(ALLOWED.get(from)));
    }

    @Test
    void thePackagesFormATreeWithoutACycle() {
        assertThat(cycle(packageDependencies(CLASSES)))
                .as("a cycle between packages")
                .isEmpty();
    }

    @Test
    void theBenchmarkUsesBlogdbAsAnApplicationWould() {
        Set<String> benchmark =
                packageDependencies(TEST_CLASSES.resolve("dev/blogdb/bench")).get("dev.blogdb.bench");

        assertThat(benchmark).isNotEmpty().doesNotContain("dev.blogdb.internal", GENERATED);
    }

    @Test
    void theCommandLineNeverReachesPastTheApiThroughDsl() throws IOException {
        List<String> callsOfDsl = new ArrayList<>();
        try (Stream<Path> classes = Files.list(CLASSES.resolve("dev/blogdb/cli"))) {
            for (Path type :
                    classes.filter(path -> path.toString().endsWith(".class")).toList()) {
                run("javap", "-c", "-p", type.toString())
                        .lines()
                        .filter(line -> line.matches(".*Method dev/blogdb/(BlogDb|Repositories)\\.dsl:.*"))
                        .forEach(line -> callsOfDsl.add(type.getFileName() + ": " + line.strip()));
            }
        }

        assertThat(callsOfDsl).isEmpty();
    }

    @Test
    void everyPackageHasAPackageInfoThatSaysWhoMayUseIt() throws IOException {
        List<Path> packages = new ArrayList<>();
        for (Path root : List.of(Path.of("src/main/java"), Path.of("src/server/java"))) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(path -> path.toString().endsWith(".java"))
                        .map(Path::getParent)
                        .distinct()
                        .forEach(packages::add);
            }
        }

        assertThat(packages).isNotEmpty().allSatisfy(directory -> {
            Path info = directory.resolve("package-info.java");
            assertThat(info).exists();
            assertThat(Files.readString(info)).contains("<b>Who may use it:</b>");
        });
    }

    /** Which blogdb packages each package under {@code classes} uses, by jdeps, the generated ones as one. */
    private static Map<String, Set<String>> packageDependencies(Path classes) {
        Pattern edge = Pattern.compile("^\\s+(dev\\.blogdb[\\w.]*)\\s+->\\s+(dev\\.blogdb[\\w.]*)\\s");
        Map<String, Set<String>> dependencies = new TreeMap<>();
        for (String line : run("jdeps", "-verbose:package", "-filter:none", classes.toString())
                .lines()
                .toList()) {
            Matcher matcher = edge.matcher(line);
            if (matcher.find()) {
                String from = unit(matcher.group(1));
                String to = unit(matcher.group(2));
                Set<String> targets = dependencies.computeIfAbsent(from, ignored -> new TreeSet<>());
                if (!from.equals(to)) {
                    targets.add(to);
                }
            }
        }
        return dependencies;
    }

    private static String unit(String packageName) {
        return packageName.startsWith(GENERATED + ".") ? GENERATED : packageName;
    }

    /** A cycle in the graph, as the packages along it, or empty if there is none. */
    private static List<String> cycle(Map<String, Set<String>> graph) {
        Map<String, Integer> state = new TreeMap<>(); // 1: on the current path, 2: done
        List<String> path = new ArrayList<>();
        for (String start : graph.keySet()) {
            List<String> found = cycleFrom(start, graph, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> cycleFrom(
            String node, Map<String, Set<String>> graph, Map<String, Integer> state, List<String> path) {
        Integer seen = state.get(node);
        if (seen != null) {
            return seen == 1 ? new ArrayList<>(path.subList(path.indexOf(node), path.size())) : List.of();
        }
        state.put(node, 1);
        path.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            List<String> found = cycleFrom(next, graph, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
        return List.of();
    }

    private static String run(String tool, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = ToolProvider.findFirst(tool)
                .orElseThrow(() -> new IllegalStateException("this JDK has no " + tool))
                .run(new PrintWriter(out), new PrintWriter(err), args);
        assertThat(exitCode).as("%s %s: %s", tool, String.join(" ", args), err).isZero();
        return out.toString();
    }
}
