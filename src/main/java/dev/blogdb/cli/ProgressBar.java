package dev.blogdb.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A progress bar on one terminal line, redrawn in place: how much is done, the rate so far and
 * the time left at that rate. It redraws at most every {@value #REDRAW_MILLIS} ms, so that
 * drawing costs nothing next to the work.
 */
final class ProgressBar implements Progress {

    private static final int REDRAW_MILLIS = 100;
    private static final int BAR_WIDTH = 30;

    private final PrintWriter terminal;
    private final String unit;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private long lastDrawNanos = Long.MIN_VALUE;
    private int lastLineLength;

    /**
     * @param terminal  where to draw: the terminal's standard error, so standard output stays the result
     * @param unit      what is counted, in the plural ("rows")
     * @param nanoClock the clock, {@link System#nanoTime} outside tests
     */
    ProgressBar(PrintWriter terminal, String unit, LongSupplier nanoClock) {
        this.terminal = terminal;
        this.unit = unit;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    @Override
    public void update(long done, long total) {
        long now = nanoClock.getAsLong();
        if (done < total
                && lastDrawNanos != Long.MIN_VALUE
                && now - lastDrawNanos < Duration.ofMillis(REDRAW_MILLIS).toNanos()) {
            return;
        }
        lastDrawNanos = now;
        draw(line(done, total, Duration.ofNanos(now - startNanos)));
    }

    @Override
    public void finish() {
        if (lastLineLength > 0) { // something was drawn: end its line
            terminal.println();
            terminal.flush();
        }
    }

    /** One line of progress, for example {@code [###---]  50%  500/1,000 rows  250 rows/s  ETA 2s}. */
    String line(long done, long total, Duration elapsed) {
        double fraction = total == 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        double seconds = elapsed.toNanos() / 1e9;
        String rate = seconds > 0 ? String.format("%,d %s/s", Math.round(done / seconds), unit) : "- " + unit + "/s";
        String eta = seconds > 0 && done > 0 ? "ETA " + duration(Math.round((total - done) * seconds / done)) : "ETA ?";
        return String.format(
                "[%s%s] %3d%%  %,d/%,d %s  %s  %s",
                "#".repeat(filled),
                "-".repeat(BAR_WIDTH - filled),
                Math.round(fraction * 100),
                done,
                total,
                unit,
                rate,
                eta);
    }

    private void draw(String line) {
        // Spaces over what is left of a longer previous line; \r goes back to the start of the line.
        terminal.print("\r" + line + " ".repeat(Math.max(0, lastLineLength - line.length())));
        terminal.flush();
        lastLineLength = line.length();
    }

    private static String duration(long seconds) {
        return seconds < 60 ? seconds + "s" : String.format("%dm%02ds", seconds / 60, seconds % 60);
    }
}
