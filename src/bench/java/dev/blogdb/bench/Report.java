package dev.blogdb.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns measurements into a table and two SVG charts: blogdb's ratio to JDBC per workload, and
 * W5's cost against feed depth. It writes {@code docs/benchmarks/} only, whole, so the published
 * figures are always the last run's; {@code docs/benchmarks.md} explains them and links there.
 */
public final class Report {

    /** Workload, what it does, the target ratio to the JDBC baseline ("flat": W5's depth). */
    private static final List<String[]> WORKLOADS = List.of(
            new String[] {"W1", "50 users, each with all their posts (`findUsersWithPosts`)", "1.2"},
            new String[] {"W1x10", "the same for 50 users with ten times the posts (500 each)", "1.2"},
            new String[] {"W2", "feed page of the 100 newest published posts with authors", "1.25"},
            new String[] {
                "W3", "delete a user with 50 posts and count them, roll back (JDBC: plain cascading DELETE)", "1.2"
            },
            new String[] {"W3b", "the same for the user with 10,000 posts", "1.15"},
            new String[] {
                "W4", "insert 10,000 posts in one transaction (`createAll` vs batched INSERT), roll back", "1.0"
            },
            new String[] {"W5", "feed page 500 by keyset (vs hand-written keyset)", "flat"});

    private final List<Measurement> measurements;
    private final Map<String, String> statements;
    private final String environment;

    /**
     * @param measurements every benchmark's times, per pass and for the scaling runs
     * @param statements   statements per operation by workload, "blogdb / JDBC"
     * @param environment  one line saying what machine, data and settings produced them
     */
    public Report(List<Measurement> measurements, Map<String, String> statements, String environment) {
        this.measurements = List.copyOf(measurements);
        this.statements = Map.copyOf(statements);
        this.environment = environment;
    }

    /** Writes {@code results.md} (the tables, linking the charts) and the two charts into {@code directory}. */
    public void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("ratios.svg"), ratioChart());
        Files.writeString(directory.resolve("feed-depth.svg"), depthChart());
        Files.writeString(directory.resolve("results.md"), markdown());
    }

    /** The tables and chart links, as Markdown. */
    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(environment).append("\n\n");
        md.append("Times are the median over the passes of each pass's median (p90 likewise), in ms. A ratio is "
                + "blogdb's median ÷ the baseline's median in the same pass; shown as the median ratio over the "
                + "passes [lowest – highest].\n\n");
        md.append("| workload | blogdb median / p90 | JDBC median / p90 | blogdb ÷ JDBC [spread] | target | "
                + "Hibernate median | SQLAlchemy median | statements per op (blogdb / JDBC) |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (String[] workload : WORKLOADS) {
            String name = workload[0];
            int page = name.equals("W5") ? 500 : 0;
            Optional<Ratio> ratio = ratio(name, "blogdb", "jdbc", page);
            if (ratio.isEmpty()) {
                continue;
            }
            boolean flat = workload[2].equals("flat");
            md.append(String.format(
                    Locale.ROOT,
                    "| %s: %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    name,
                    workload[1],
                    times(name, "blogdb", page),
                    times(name, "jdbc", page),
                    ratio.get(),
                    flat
                            ? "flat with depth"
                            : "≤ " + workload[2] + "× "
                                    + (ratio.get().median <= Double.parseDouble(workload[2]) ? "met" : "**missed**"),
                    median(name, "hibernate", page),
                    median(name, "sqlalchemy", page),
                    statements.getOrDefault(name, "?")));
            if (name.equals("W4")) {
                ratio("W4", "blogdb", "copy", 0)
                        .ifPresent(copy -> md.append(String.format(
                                Locale.ROOT,
                                "| W4 by binary COPY (hand-written JDBC), for reference | | %s | %s | | | | 1 COPY |%n",
                                times("W4", "copy", 0),
                                copy)));
            }
            if (name.equals("W5")) {
                ratio("W5", "blogdb", "offset", page)
                        .ifPresent(offset -> md.append(String.format(
                                Locale.ROOT,
                                "| W5 by OFFSET (JDBC) at page 500 | | %s | %s | | | | 1 |%n",
                                times("W5", "offset", page),
                                offset)));
            }
        }
        md.append("\nHow cost grows with concurrent callers (one pass; throughput is callers ÷ mean time, "
                + "operations per second; p90 in ms):\n\n"
                + "| callers | W1 blogdb ops/s (p90) | W1 JDBC ops/s (p90) | W1 ratio | W2 blogdb ops/s (p90) | "
                + "W2 JDBC ops/s (p90) | W2 ratio |\n| --- | --- | --- | --- | --- | --- | --- |\n");
        for (int callers : Scaling.CALLERS) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %d | %s | %s | %s | %s | %s | %s |%n",
                    callers,
                    throughput("W1", "blogdb", callers),
                    throughput("W1", "jdbc", callers),
                    scalingRatio("W1", callers),
                    throughput("W2", "blogdb", callers),
                    throughput("W2", "jdbc", callers),
                    scalingRatio("W2", callers)));
        }
        md.append("\nW5 against depth (median ms):\n\n| feed page | blogdb keyset | JDBC keyset | JDBC OFFSET |\n"
                + "| --- | --- | --- | --- |\n");
        for (int page : FeedDepth.PAGES) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %d | %s | %s | %s |%n",
                    page,
                    median("W5", "blogdb", page),
                    median("W5", "jdbc", page),
                    median("W5", "offset", page)));
        }
        md.append("\n![blogdb ÷ JDBC per workload](ratios.svg)\n");
        md.append("![W5: feed page cost against depth](feed-depth.svg)\n");
        return md.toString();
    }

    /** A ratio's median over the passes and its lowest and highest. */
    record Ratio(double median, double lowest, double highest) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.2f× [%.2f – %.2f]", median, lowest, highest);
        }
    }

    /** {@code side} ÷ {@code baseline} per pass, where both were measured in that pass. */
    Optional<Ratio> ratio(String workload, String side, String baseline, int page) {
        List<Double> ratios = new ArrayList<>();
        for (Measurement m : perPass(workload, side, page)) {
            perPass(workload, baseline, page).stream()
                    .filter(b -> b.pass() == m.pass())
                    .findFirst()
                    .ifPresent(b -> ratios.add(m.medianMs() / b.medianMs()));
        }
        if (ratios.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Ratio(
                medianOf(ratios),
                ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow()));
    }

    private List<Measurement> perPass(String workload, String side, int page) {
        return measurements.stream()
                .filter(m -> m.pass() > 0
                        && m.workload().equals(workload)
                        && m.side().equals(side)
                        && m.page() == page)
                .toList();
    }

    private String times(String workload, String side, int page) {
        List<Measurement> passes = perPass(workload, side, page);
        if (passes.isEmpty()) {
            return "–";
        }
        return String.format(
                Locale.ROOT,
                "%.2f / %.2f",
                medianOf(passes.stream().map(Measurement::medianMs).toList()),
                medianOf(passes.stream().map(Measurement::p90Ms).toList()));
    }

    private String median(String workload, String side, int page) {
        List<Measurement> passes = perPass(workload, side, page);
        return passes.isEmpty()
                ? "–"
                : String.format(
                        Locale.ROOT,
                        "%.2f",
                        medianOf(passes.stream().map(Measurement::medianMs).toList()));
    }

    private Optional<Measurement> scaling(String workload, String side, int callers) {
        return measurements.stream()
                .filter(m -> m.pass() == 0
                        && m.callers() == callers
                        && m.workload().equals(workload)
                        && m.side().equals(side))
                .findFirst();
    }

    private String throughput(String workload, String side, int callers) {
        return scaling(workload, side, callers)
                .map(m -> String.format(Locale.ROOT, "%,.0f (%.2f)", callers * 1000 / m.meanMs(), m.p90Ms()))
                .orElse("–");
    }

    private String scalingRatio(String workload, int callers) {
        Optional<Measurement> blogDb = scaling(workload, "blogdb", callers);
        Optional<Measurement> jdbc = scaling(workload, "jdbc", callers);
        return blogDb.isPresent() && jdbc.isPresent()
                ? String.format(
                        Locale.ROOT, "%.2f×", blogDb.get().meanMs() / jdbc.get().meanMs())
                : "–";
    }

    private static double medianOf(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** Horizontal bars: blogdb ÷ JDBC per workload, with a line at 1 and each target marked. */
    String ratioChart() {
        List<String[]> rows = new ArrayList<>();
        for (String[] workload : WORKLOADS) {
            int page = workload[0].equals("W5") ? 500 : 0;
            ratio(workload[0], "blogdb", "jdbc", page)
                    .ifPresent(r -> rows.add(new String[] {workload[0], String.valueOf(r.median()), workload[2]}));
        }
        int width = 640;
        int left = 60;
        int barHeight = 26;
        int top = 40;
        int height = top + rows.size() * (barHeight + 12) + 40;
        double max = Math.max(
                2.0,
                rows.stream().mapToDouble(r -> Double.parseDouble(r[1])).max().orElse(1) * 1.1);
        double scale = (width - left - 80) / max;
        StringBuilder svg =
                svgStart(width, height, "blogdb ÷ hand-written JDBC, median time per operation (lower is better)");
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            double ratio = Double.parseDouble(row[1]);
            int y = top + i * (barHeight + 12);
            boolean met = row[2].equals("flat") || ratio <= Double.parseDouble(row[2]);
            svg.append(String.format(Locale.ROOT, "<text x='8' y='%d' font-size='13'>%s</text>%n", y + 18, row[0]));
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x='%d' y='%d' width='%.1f' height='%d' fill='%s'/>%n",
                    left,
                    y,
                    ratio * scale,
                    barHeight,
                    met ? "#4c78a8" : "#e45756"));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x='%.1f' y='%d' font-size='12'>%.2f×</text>%n",
                    left + ratio * scale + 6,
                    y + 18,
                    ratio));
            if (!row[2].equals("flat")) {
                double target = Double.parseDouble(row[2]) * scale + left;
                svg.append(String.format(
                        Locale.ROOT,
                        "<line x1='%.1f' x2='%.1f' y1='%d' y2='%d' stroke='#333' stroke-dasharray='3,2'/>%n",
                        target,
                        target,
                        y - 3,
                        y + barHeight + 3));
            }
        }
        double one = left + scale;
        svg.append(String.format(
                Locale.ROOT,
                "<line x1='%.1f' x2='%.1f' y1='%d' y2='%d' stroke='#999'/>%n",
                one,
                one,
                top - 8,
                height - 30));
        svg.append(String.format(
                Locale.ROOT,
                "<text x='%.1f' y='%d' font-size='11' fill='#555'>1× (JDBC)   dashes: targets</text>%n",
                one - 20,
                height - 14));
        return svg.append("</svg>\n").toString();
    }

    /** Lines: W5's median time against feed page, for blogdb's keyset, hand-written keyset and OFFSET. */
    String depthChart() {
        int width = 640;
        int height = 360;
        int left = 60;
        int right = 20;
        int top = 40;
        int bottom = 50;
        double maxMs = measurements.stream()
                        .filter(m -> m.workload().equals("W5"))
                        .mapToDouble(Measurement::medianMs)
                        .max()
                        .orElse(1)
                * 1.1;
        int maxPage = FeedDepth.PAGES.get(FeedDepth.PAGES.size() - 1);
        StringBuilder svg =
                svgStart(width, height, "W5: median time of one feed page against its depth (lower is better)");
        svg.append(String.format(
                Locale.ROOT,
                "<line x1='%d' x2='%d' y1='%d' y2='%d' stroke='#333'/>%n",
                left,
                width - right,
                height - bottom,
                height - bottom));
        svg.append(String.format(
                Locale.ROOT,
                "<line x1='%d' x2='%d' y1='%d' y2='%d' stroke='#333'/>%n",
                left,
                left,
                top,
                height - bottom));
        for (int page : FeedDepth.PAGES) {
            double x = left + (width - left - right) * (double) page / maxPage;
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x='%.1f' y='%d' font-size='11' text-anchor='middle'>%d</text>%n",
                    x,
                    height - bottom + 16,
                    page));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text x='%d' y='%d' font-size='12' text-anchor='middle'>feed page (100 posts each)</text>%n",
                (left + width - right) / 2,
                height - 12));
        for (int tick = 0; tick <= 4; tick++) {
            double ms = maxMs * tick / 4;
            double y = height - bottom - (height - top - bottom) * tick / 4.0;
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x='%d' y='%.1f' font-size='11' text-anchor='end'>%.1f ms</text>%n",
                    left - 6,
                    y + 4,
                    ms));
        }
        String[][] series = {
            {"blogdb", "#4c78a8", "blogdb keyset"},
            {"jdbc", "#72b7b2", "JDBC keyset"},
            {"offset", "#e45756", "JDBC OFFSET"}
        };
        for (int s = 0; s < series.length; s++) {
            StringBuilder points = new StringBuilder();
            for (int page : FeedDepth.PAGES) {
                String m = median("W5", series[s][0], page);
                if (!m.equals("–")) {
                    double x = left + (width - left - right) * (double) page / maxPage;
                    double y = height - bottom - (height - top - bottom) * Double.parseDouble(m) / maxMs;
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                }
            }
            svg.append(String.format(
                    Locale.ROOT,
                    "<polyline points='%s' fill='none' stroke='%s' stroke-width='2'/>%n",
                    points.toString().trim(),
                    series[s][1]));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x='%d' y='%d' font-size='12' fill='%s'>%s</text>%n",
                    left + 12,
                    top + 14 + s * 16,
                    series[s][1],
                    series[s][2]));
        }
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder svgStart(int width, int height, String title) {
        return new StringBuilder(String.format(
                Locale.ROOT,
                "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif'>%n"
                        + "<rect width='100%%' height='100%%' fill='white'/>%n<text x='8' y='20' font-size='14'>%s</text>%n",
                width,
                height,
                title));
    }
}
