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
 * <p>It also notes the FX thread's CPU time at each pulse, and the renderer's (JavaFX draws a frame on its own
 * thread, and the next pulse waits for it): of the longest gap, the part each spent working against the part the
 * FX thread waited for a core.
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
    private long longestRendering;
    private long lastRendering;
    private long renderer = -1;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Override
    public void handle(long now) {
        long cpu = threads.getCurrentThreadCpuTime();
        long rendering = renderingCpu();
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
                longestRendering = rendering - lastRendering;
            }
        } else {
            first = now;
        }
        last = now;
        lastCpu = cpu;
        lastRendering = rendering;
    }

    /** The CPU time of JavaFX's render thread so far (found by its name), 0 where there is none. */
    private long renderingCpu() {
        if (renderer < 0) {
            renderer = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().startsWith("QuantumRenderer"))
                    .mapToLong(Thread::threadId).findFirst().orElse(0);
        }
        return renderer == 0 ? 0 : Math.max(0, threads.getThreadCpuTime(renderer));
    }

    void reset() {
        count = 0;
        last = 0;
        longest = 0;
        longestAt = 0;
        longestBusy = 0;
        longestRendering = 0;
    }

    /** The gaps since the last reset, with what the scan read meanwhile. */
    PulseGaps gaps(long scanned, Duration elapsed, int rows, Duration longestUiTask, GcPauses.Seen gc) {
        long[] sorted = Arrays.copyOf(gaps, count);
        Arrays.sort(sorted);
        long p99 = count == 0 ? 0 : sorted[Math.min(count - 1, (int) Math.ceil(count * 0.99) - 1)];
        long median = count == 0 ? 0 : sorted[count / 2];
        return new PulseGaps(count + 1, Duration.ofNanos(median), Duration.ofNanos(p99), Duration.ofNanos(longest),
                Duration.ofNanos(longestAt), Duration.ofNanos(longestBusy),
                Duration.ofNanos(longestRendering), longestUiTask, scanned, elapsed, rows, gc);
    }
}
