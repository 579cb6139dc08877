package dev.flowdeck.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import javafx.animation.AnimationTimer;

/**
 * Notes the time of every JavaFX pulse (an {@link AnimationTimer} runs once per pulse and keeps them coming every
 * ~16 ms) and the gaps between them. Used on the FX thread only.
 *
 * <p>It also notes the FX thread's CPU time at each pulse: of the longest gap, the part the thread spent working
 * (pulses, tasks) against the part it waited (for a core the scan and the broker held, for the renderer).
 */
final class PulseWatch extends AnimationTimer {

    private long[] gaps = new long[4096];
    private int count;
    private long first;
    private long last;
    private long longestAt;
    private long longest;
    private long longestBusy;
    private long lastCpu;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Override
    public void handle(long now) {
        long cpu = threads.getCurrentThreadCpuTime();
        if (last != 0) {
            if (count == gaps.length) {
                gaps = Arrays.copyOf(gaps, count * 2);
            }
            long gap = now - last;
            gaps[count++] = gap;
            if (gap > longest) {
                longest = gap;
                longestAt = last - first;
                longestBusy = cpu - lastCpu;
            }
        } else {
            first = now;
        }
        last = now;
        lastCpu = cpu;
    }

    void reset() {
        count = 0;
        last = 0;
        longest = 0;
        longestAt = 0;
        longestBusy = 0;
    }

    /** The gaps since the last reset, with what the scan read meanwhile. */
    PulseGaps gaps(long scanned, Duration elapsed, int rows, Duration longestUiTask, GcPauses.Seen gc) {
        long[] sorted = Arrays.copyOf(gaps, count);
        Arrays.sort(sorted);
        long p99 = count == 0 ? 0 : sorted[Math.min(count - 1, (int) Math.ceil(count * 0.99) - 1)];
        long median = count == 0 ? 0 : sorted[count / 2];
        return new PulseGaps(count + 1, Duration.ofNanos(median), Duration.ofNanos(p99), Duration.ofNanos(longest),
                Duration.ofNanos(longestAt), Duration.ofNanos(longestBusy), longestUiTask, scanned, elapsed, rows, gc);
    }
}
