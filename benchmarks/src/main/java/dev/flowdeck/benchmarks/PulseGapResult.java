package dev.flowdeck.benchmarks;

import java.time.Duration;
import java.util.List;

/**
 * What the FX thread went through while the browser scanned at full speed.
 *
 * @param topic    what was scanned
 * @param platform where the window was drawn
 * @param cold     the first scan (JIT warming up, classes loading)
 * @param warm     the scans after it, one a round: the figure is the median of their longest gaps
 */
public record PulseGapResult(OrderTopic topic, String platform, PulseGaps cold, List<PulseGaps> warm)
        implements BenchmarkResult {

    /** The bound for the longest gap, and its goal (one frame at 60 Hz). */
    static final long BOUND_MILLIS = 50;
    static final long GOAL_MILLIS = 16;

    public PulseGapResult {
        warm = List.copyOf(warm);
    }

    /** The median over the warm scans of each one's longest gap. */
    Duration typicalLongest() {
        return Duration.ofNanos((long) AlternatingRounds.median(
                warm.stream().map(scan -> (double) scan.longest().toNanos()).toList()));
    }

    /** The longest gap of any warm scan. */
    Duration worstLongest() {
        return warm.stream().map(PulseGaps::longest).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    @Override
    public String markdown() {
        var table = new MarkdownTable(1, "scan", "records", "records/s", "rows kept", "pulses", "median gap",
                "p99 gap", "longest gap", "longest began at", "FX thread busy in it",
                "renderer busy in it", "longest UI task", "GC pauses", "longest GC pause");
        row(table, "first (cold)", cold);
        for (int i = 0; i < warm.size(); i++) {
            row(table, "warm " + (i + 1), warm.get(i));
        }
        long typical = typicalLongest().toMillis();
        String verdict = typical < GOAL_MILLIS ? "within the goal of " + GOAL_MILLIS + " ms"
                : typical < BOUND_MILLIS ? "within the bound of " + BOUND_MILLIS + " ms (goal " + GOAL_MILLIS + " ms)"
                : "OVER the bound of " + BOUND_MILLIS + " ms";
        return """
                ### 4. The UI during a full-speed scan

                The browser's own view in %s, scanning %s records of `%s` from the beginning with no filter (every \
                batch a drain, the table filled to its cap), while an AnimationTimer notes every JavaFX pulse. \
                A gap between pulses is time the window could not draw. Collector: %s. The first scan warms up; \
                then %d scans, each one's longest gap a sample of how long the window froze.

                %s
                Longest gap of a warm scan, median of %d: **%d ms**, %s (the slowest scan's: %d ms).
                """.formatted(platform, MarkdownTable.count(topic.records()), topic.name(), Machine.collector(),
                warm.size(), table.render(), warm.size(), typical, verdict, worstLongest().toMillis());
    }

    private static void row(MarkdownTable table, String name, PulseGaps gaps) {
        table.row(name, MarkdownTable.count(gaps.scanned()), MarkdownTable.rate(gaps.perSecond()),
                MarkdownTable.count(gaps.rows()), MarkdownTable.count(gaps.pulses()), millis(gaps.median()),
                millis(gaps.p99()), millis(gaps.longest()), millis(gaps.longestAt()), millis(gaps.longestBusy()),
                millis(gaps.longestRendering()),
                millis(gaps.longestUiTask()), gaps.gc().pauses() + " (" + gaps.gc().total().toMillis() + " ms)",
                gaps.gc().longest().toMillis() + " ms");
    }

    private static String millis(Duration gap) {
        return String.format("%.1f ms", gap.toNanos() / 1e6);
    }
}
