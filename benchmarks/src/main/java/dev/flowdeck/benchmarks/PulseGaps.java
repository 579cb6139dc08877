package dev.flowdeck.benchmarks;

import java.time.Duration;

/**
 * The pulses of one scan shown in the UI.
 *
 * @param pulses  pulses seen while the scan ran
 * @param median  the median gap between two pulses
 * @param p99     the 99th percentile gap
 * @param longest the longest gap: the longest the window could not draw
 * @param longestAt when that gap began, from the first pulse of the scan
 * @param longestBusy the FX thread's CPU time during that gap: the rest of it, the thread waited
 * @param longestRendering the render thread's CPU time during that gap (the next pulse waits for its frame)
 * @param longestUiTask the longest the browser's own work held the FX thread (a drain, say): what of a gap is ours
 * @param scanned records the scan read
 * @param elapsed how long the scan ran, as the browser measured it
 * @param rows    rows the table held at the end
 * @param gc      the collector's pauses meanwhile, and which collector it was
 */
record PulseGaps(long pulses, Duration median, Duration p99, Duration longest, Duration longestAt,
                 Duration longestBusy, Duration longestRendering,
                 Duration longestUiTask, long scanned, Duration elapsed, int rows, GcPauses.Seen gc) {

    double perSecond() {
        return scanned / (elapsed.toNanos() / 1e9);
    }
}
