package dev.blogdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private final StringWriter terminal = new StringWriter();
    private final AtomicLong nanos = new AtomicLong();
    private final ProgressBar bar = new ProgressBar(new PrintWriter(terminal, true), "rows", nanos::get);

    @Test
    void aLineShowsTheBarTheCountTheRateAndTheTimeLeftAtThatRate() {
        assertThat(bar.line(2_500, 10_000, Duration.ofSeconds(2)))
                .isEqualTo("[########----------------------]  25%  2,500/10,000 rows  1,250 rows/s  ETA 6s");
        assertThat(bar.line(1_000, 100_000, Duration.ofSeconds(1)))
                .isEqualTo("[------------------------------]   1%  1,000/100,000 rows  1,000 rows/s  ETA 1m39s");
        assertThat(bar.line(0, 10, Duration.ZERO))
                .isEqualTo("[------------------------------]   0%  0/10 rows  - rows/s  ETA ?");
    }

    @Test
    void itRedrawsInPlaceAtMostEveryTenthOfASecondButAlwaysTheLastUpdate() {
        nanos.set(Duration.ofSeconds(1).toNanos());
        bar.update(10, 100);
        nanos.addAndGet(Duration.ofMillis(50).toNanos());
        bar.update(20, 100);
        nanos.addAndGet(Duration.ofMillis(60).toNanos());
        bar.update(30, 100);
        bar.update(100, 100);
        bar.finish();

        assertThat(terminal.toString().split("\r", -1))
                .containsExactly(
                        "",
                        "[###---------------------------]  10%  10/100 rows  10 rows/s  ETA 9s",
                        "[#########---------------------]  30%  30/100 rows  27 rows/s  ETA 3s",
                        "[##############################] 100%  100/100 rows  90 rows/s  ETA 0s\n");
    }

    @Test
    void aShorterLineBlanksWhatIsLeftOfALongerOne() {
        bar.update(1, 1_000_000);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        bar.update(10, 10);

        String[] lines = terminal.toString().split("\r", -1);
        assertThat(lines[1]).startsWith("[------------------------------]   0%  1/1,000,000 rows");
        assertThat(lines[2]).hasSameSizeAs(lines[1]);
        assertThat(lines[2].stripTrailing())
                .isEqualTo("[##############################] 100%  10/10 rows  10 rows/s  ETA 0s");
    }

    @Test
    void finishingWithoutAnUpdateDrawsNothing() {
        bar.finish();

        assertThat(terminal.toString()).isEmpty();
    }
}
