package dev.flowdeck.benchmarks;

/**
 * What the FX thread went through while the browser scanned at full speed.
 *
 * @param topic    what was scanned
 * @param platform where the window was drawn
 * @param cold     the first scan (JIT warming up, classes loading)
 * @param warm     the second scan: the figure
 */
public record PulseGapResult(OrderTopic topic, String platform, PulseGaps cold, PulseGaps warm)
        implements BenchmarkResult {

    /** The bound for the longest gap, and its goal (one frame at 60 Hz). */
    static final long BOUND_MILLIS = 50;
    static final long GOAL_MILLIS = 16;

    @Override
    public String markdown() {
        var table = new MarkdownTable(1, "scan", "records", "records/s", "rows kept", "pulses", "median gap",
                "p99 gap", "longest gap", "longest began at", "FX thread busy in it", "longest UI task", "GC pauses", "longest GC pause");
        row(table, "first (cold)", cold);
        row(table, "second", warm);
        long longest = warm.longest().toMillis();
        String verdict = longest < GOAL_MILLIS ? "within the goal of " + GOAL_MILLIS + " ms"
                : longest < BOUND_MILLIS ? "within the bound of " + BOUND_MILLIS + " ms (goal " + GOAL_MILLIS + " ms)"
                : "OVER the bound of " + BOUND_MILLIS + " ms";
        return """
                ### 4. The UI during a full-speed scan

                The browser's own view in %s, scanning %s records of `%s` from the beginning with no filter (every \
                batch a drain, the table filled to its cap), while an AnimationTimer notes every JavaFX pulse. \
                A gap between pulses is time the window could not draw. Collector: %s.

                %s
                Longest gap in the second scan: **%d ms**, %s.
                """.formatted(platform, MarkdownTable.count(topic.records()), topic.name(), Machine.collector(),
                table.render(),
                longest, verdict);
    }

    private static void row(MarkdownTable table, String name, PulseGaps gaps) {
        table.row(name, MarkdownTable.count(gaps.scanned()), MarkdownTable.rate(gaps.perSecond()),
                MarkdownTable.count(gaps.rows()), MarkdownTable.count(gaps.pulses()), millis(gaps.median()),
                millis(gaps.p99()), millis(gaps.longest()), millis(gaps.longestAt()), millis(gaps.longestBusy()),
                millis(gaps.longestUiTask()), gaps.gc().pauses() + " (" + gaps.gc().total().toMillis() + " ms)",
                gaps.gc().longest().toMillis() + " ms");
    }

    private static String millis(java.time.Duration gap) {
        return String.format("%.1f ms", gap.toNanos() / 1e6);
    }
}
