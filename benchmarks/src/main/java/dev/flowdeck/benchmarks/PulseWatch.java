package dev.flowdeck.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import javafx.animation.AnimationTimer;

/**
 * Notes the time of every JavaFX pulse (an {@link AnimationTimer} runs once per pulse and keeps them coming every
 * ~16 ms) and the gaps between them. Used on the FX thread only.
 */
final class PulseWatch extends AnimationTimer {

    private long[] gaps = new long[4096];
    private int count;
    private long first;
    private long last;
    private long longestAt;
    private long longest;

    @Override
    public void handle(long now) {
        if (last != 0) {
            if (count == gaps.length) {
                gaps = Arrays.copyOf(gaps, count * 2);
            }
            long gap = now - last;
            gaps[count++] = gap;
            if (gap > longest) {
                longest = gap;
                longestAt = last - first;
            }
        } else {
            first = now;
        }
        last = now;
    }

    void reset() {
        count = 0;
        last = 0;
        longest = 0;
        longestAt = 0;
    }

    /** The gaps since the last reset, with what the scan read meanwhile. */
    PulseGaps gaps(long scanned, Duration elapsed, int rows, Duration longestUiTask, GcPauses.Seen gc) {
        long[] sorted = Arrays.copyOf(gaps, count);
        Arrays.sort(sorted);
        long p99 = count == 0 ? 0 : sorted[Math.min(count - 1, (int) Math.ceil(count * 0.99) - 1)];
        long median = count == 0 ? 0 : sorted[count / 2];
        return new PulseGaps(count + 1, Duration.ofNanos(median), Duration.ofNanos(p99), Duration.ofNanos(longest),
                Duration.ofNanos(longestAt), longestUiTask, scanned, elapsed, rows, gc);
    }
}
