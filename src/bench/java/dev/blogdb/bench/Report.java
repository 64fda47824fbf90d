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

    private static final List<String[]> WORKLOADS = List.of(
            new String[] {"W1", "50 users, each with all their posts (`findUsersWithPosts`)", "1.3"},
            new String[] {"W2", "feed page of the 100 newest published posts with authors", "1.2"},
            new String[] {"W3", "delete a user with 50 posts, cascade included, roll back", "1.1"},
            new String[] {"W3b", "delete the user with 10,000 posts, roll back", "1.1"},
            new String[] {"W4", "insert 10,000 posts in one transaction (`createAll` vs JDBC batch), roll back", "1.0"},
            new String[] {"W5", "feed page 500 by keyset (vs hand-written keyset)", "flat"});

    private final List<Measurement> measurements;
    private final Map<String, String> statements;
    private final String environment;

    /**
     * @param measurements every benchmark's times
     * @param statements   statements per operation by workload, "blogdb / JDBC"
     * @param environment  one line saying what machine, data and settings produced them
     */
    public Report(List<Measurement> measurements, Map<String, String> statements, String environment) {
        this.measurements = List.copyOf(measurements);
        this.statements = Map.copyOf(statements);
        this.environment = environment;
    }

    /** Writes {@code results.md} (the table, linking the charts) and the two charts into {@code directory}. */
    public void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("ratios.svg"), ratioChart());
        Files.writeString(directory.resolve("feed-depth.svg"), depthChart());
        Files.writeString(directory.resolve("results.md"), markdown());
    }

    /** The table and chart links, as Markdown. */
    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(environment).append("\n\n");
        md.append(
                "| workload | blogdb median / p90 (ms) | JDBC median / p90 (ms) | blogdb ÷ JDBC | target | statements per op (blogdb / JDBC) |\n");
        md.append("| --- | --- | --- | --- | --- | --- |\n");
        for (String[] workload : WORKLOADS) {
            String name = workload[0];
            int page = name.equals("W5") ? 500 : 0;
            Optional<Measurement> blogDb = find(name, "blogdb", page);
            Optional<Measurement> jdbc = find(name, "jdbc", page);
            if (blogDb.isEmpty() || jdbc.isEmpty()) {
                continue;
            }
            md.append(String.format(
                    Locale.ROOT,
                    "| %s: %s | %s | %s | %.2f× | %s | %s |%n",
                    name,
                    workload[1],
                    times(blogDb.get()),
                    times(jdbc.get()),
                    ratio(blogDb.get(), jdbc.get()),
                    workload[2].equals("flat") ? "flat with depth" : "≤ " + workload[2] + "×",
                    statements.getOrDefault(name, "?")));
            if (name.equals("W3")) {
                find("W3", "onestatement", 0)
                        .ifPresent(one -> md.append(String.format(
                                Locale.ROOT,
                                "| W3 in one statement (JDBC), whose count can miss a post committed meanwhile, for reference | | %s | %.2f× | | 1 |%n",
                                times(one),
                                ratio(blogDb.get(), one))));
            }
            if (name.equals("W4")) {
                find("W4", "copy", 0)
                        .ifPresent(copy -> md.append(String.format(
                                Locale.ROOT,
                                "| W4 by COPY (JDBC), for reference | | %s | %.2f× | | 1 COPY |%n",
                                times(copy),
                                ratio(blogDb.get(), copy))));
            }
            if (name.equals("W5")) {
                find("W5", "offset", page)
                        .ifPresent(offset -> md.append(String.format(
                                Locale.ROOT,
                                "| W5 by OFFSET (JDBC) at page 500 | | %s | %.2f× | | 1 |%n",
                                times(offset),
                                ratio(blogDb.get(), offset))));
            }
        }
        md.append(
                "\nW5 against depth (median ms):\n\n| feed page | blogdb keyset | JDBC keyset | JDBC OFFSET |\n| --- | --- | --- | --- |\n");
        for (int page : FeedDepth.PAGES) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %d | %s | %s | %s |%n",
                    page,
                    median("blogdb", page),
                    median("jdbc", page),
                    median("offset", page)));
        }
        md.append("\n![blogdb ÷ JDBC per workload](ratios.svg)\n");
        md.append("![W5: feed page cost against depth](feed-depth.svg)\n");
        return md.toString();
    }

    private String median(String side, int page) {
        return find("W5", side, page)
                .map(m -> String.format(Locale.ROOT, "%.2f", m.medianMs()))
                .orElse("–");
    }

    private Optional<Measurement> find(String workload, String side, int page) {
        return measurements.stream()
                .filter(m -> m.workload().equals(workload) && m.side().equals(side) && m.page() == page)
                .findFirst();
    }

    private static String times(Measurement m) {
        return String.format(Locale.ROOT, "%.2f / %.2f", m.medianMs(), m.p90Ms());
    }

    private static double ratio(Measurement blogDb, Measurement other) {
        return blogDb.medianMs() / other.medianMs();
    }

    /** Horizontal bars: blogdb ÷ JDBC per workload, with a line at 1 and each target marked. */
    String ratioChart() {
        List<String[]> rows = new ArrayList<>();
        for (String[] workload : WORKLOADS) {
            int page = workload[0].equals("W5") ? 500 : 0;
            Optional<Measurement> blogDb = find(workload[0], "blogdb", page);
            Optional<Measurement> jdbc = find(workload[0], "jdbc", page);
            if (blogDb.isPresent() && jdbc.isPresent()) {
                rows.add(new String[] {workload[0], String.valueOf(ratio(blogDb.get(), jdbc.get())), workload[2]});
            }
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
                Optional<Measurement> m = find("W5", series[s][0], page);
                if (m.isPresent()) {
                    double x = left + (width - left - right) * (double) page / maxPage;
                    double y =
                            height - bottom - (height - top - bottom) * m.get().medianMs() / maxMs;
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
