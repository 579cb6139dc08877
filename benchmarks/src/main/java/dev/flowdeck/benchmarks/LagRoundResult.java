package dev.flowdeck.benchmarks;

import java.util.List;

/**
 * The lag round's figures.
 *
 * @param shape               the topics and groups read
 * @param recordsPerPartition records in each partition
 * @param warmups             rounds thrown away
 * @param rounds              rounds measured
 * @param bareSeconds         each round's time of the bare admin (lag only)
 * @param movedSeconds        each round's time of Flowdeck after every group's offsets moved (every age read)
 * @param unchangedSeconds    each round's time of Flowdeck again, nothing moved (every age from the cache)
 * @param moved               what Flowdeck's last measured round found after the offsets moved
 * @param unchanged           what its round with nothing moved found
 */
public record LagRoundResult(LagShape shape, int recordsPerPartition, int warmups, int rounds,
                             List<Double> bareSeconds, List<Double> movedSeconds, List<Double> unchangedSeconds,
                             LagTally moved, LagTally unchanged) implements BenchmarkResult {

    /** The target for one round with lag in time. */
    static final double TARGET_SECONDS = 2.0;

    public LagRoundResult {
        bareSeconds = List.copyOf(bareSeconds);
        movedSeconds = List.copyOf(movedSeconds);
        unchangedSeconds = List.copyOf(unchangedSeconds);
    }

    public double medianBare() {
        return AlternatingRounds.median(bareSeconds);
    }

    public double medianMoved() {
        return AlternatingRounds.median(movedSeconds);
    }

    public double medianUnchanged() {
        return AlternatingRounds.median(unchangedSeconds);
    }

    /** Whether a round in which every age had to be read stays within the target (the median; the slowest too). */
    public boolean meetsTarget() {
        return medianMoved() <= TARGET_SECONDS;
    }

    @Override
    public String markdown() {
        var table = new MarkdownTable(1, "reader", "median round", "fastest–slowest", "vs bare Admin",
                "ages known");
        table.row(LagRoundBenchmark.BARE, MarkdownTable.seconds(medianBare()), range(bareSeconds), "1.00", "–");
        table.row(LagRoundBenchmark.MOVED, MarkdownTable.seconds(medianMoved()), range(movedSeconds),
                MarkdownTable.ratio(medianMoved() / medianBare()), known(moved));
        table.row(LagRoundBenchmark.UNCHANGED, MarkdownTable.seconds(medianUnchanged()), range(unchangedSeconds),
                MarkdownTable.ratio(medianUnchanged() / medianBare()), known(unchanged));
        double slowest = movedSeconds.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return """
                ### 5. Lag round

                %s consumer groups without members, each with offsets committed on the %d partitions of one of %d \
                topics (%s partitions of %s records): %s partitions with lag. Each round first commits every \
                group's offsets somewhere no earlier round committed to (not timed), then reads every group's lag \
                three times: a bare `Admin` making the same batched requests for lag alone (list the groups; \
                describe them and fetch their committed offsets, one request each; the end offsets of every \
                partition in one), Flowdeck's `consumerGroups()` (the same, the log start offsets beside the end \
                offsets, and each waiting partition's oldest record read from the log for lag in time), and \
                Flowdeck again with nothing moved (every write time from its cache). %d warm-up round(s) thrown \
                away, then the median of %d.

                %s
                Target, one round with lag in time in at most %.0f s: **%s** (median %s, slowest %s).
                """.formatted(MarkdownTable.count(shape.groups()), shape.partitions(), shape.topics(),
                MarkdownTable.count((long) shape.topics() * shape.partitions()),
                MarkdownTable.count(recordsPerPartition), MarkdownTable.count(shape.groupPartitions()), warmups,
                rounds, table.render(), TARGET_SECONDS, meetsTarget() ? "met" : "not met",
                MarkdownTable.seconds(medianMoved()), MarkdownTable.seconds(slowest));
    }

    private static String range(List<Double> seconds) {
        return MarkdownTable.seconds(seconds.stream().mapToDouble(Double::doubleValue).min().orElseThrow()) + "–"
                + MarkdownTable.seconds(seconds.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    }

    private static String known(LagTally tally) {
        return MarkdownTable.count(tally.aged()) + " of " + MarkdownTable.count(tally.waiting());
    }
}
