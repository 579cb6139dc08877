package dev.flowdeck.benchmarks;

import java.util.List;

/**
 * The scan rates of a run.
 *
 * @param topic       what was read
 * @param compression how it was produced
 * @param warmups     rounds thrown away
 * @param rounds      rounds measured
 * @param rows        the bare consumer and Flowdeck's browse without a filter, then for each filter the bare
 *                    consumer applying it and Flowdeck's browse with it
 */
public record ScanRateResult(OrderTopic topic, String compression, int warmups, int rounds, List<Row> rows)
        implements BenchmarkResult {

    /**
     * @param reader          who read
     * @param filter          with what filter
     * @param scanned         records read in a round (the same every round: checked)
     * @param matched         records that passed the filter in a round (checked against what was produced)
     * @param medianPerSecond the median over the rounds
     * @param ratio           that median over the bare consumer's median
     * @param minRatio        the lowest of the per-round ratios (each against the same round's bare consumer)
     * @param maxRatio        the highest of them
     * @param perSecond       every round's rate, in order
     * @param cpuMicros       the median CPU time of the reading thread (and a filtered browse's filter pool) per
     *                        record, in microseconds
     * @param cpuRatio        the bare consumer's CPU time per record over this one's (1 costs the same, 0.5 twice)
     * @param sameFilterRatio    the median over the median of the bare consumer applying the same filter (the
     *                           bare consumer itself without a filter): what the reader adds around the filter
     * @param sameFilterCpuRatio that reader's CPU time per record over this one's
     */
    public record Row(String reader, String filter, long scanned, long matched, double medianPerSecond,
                      double ratio, double minRatio, double maxRatio, List<Double> perSecond, double cpuMicros,
                      double cpuRatio, double sameFilterRatio, double sameFilterCpuRatio) {
        public Row {
            perSecond = List.copyOf(perSecond);
        }
    }

    public ScanRateResult {
        rows = List.copyOf(rows);
    }

    @Override
    public String markdown() {
        var table = new MarkdownTable(2, "reader", "filter", "matched", "median records/s", "vs bare consumer",
                "per-round ratios", "CPU µs/record", "CPU vs bare consumer", "vs bare, same filter",
                "CPU vs bare, same filter");
        for (Row row : rows) {
            table.row(row.reader(), row.filter(), MarkdownTable.count(row.matched()),
                    MarkdownTable.rate(row.medianPerSecond()), MarkdownTable.ratio(row.ratio()),
                    MarkdownTable.ratio(row.minRatio()) + "–" + MarkdownTable.ratio(row.maxRatio()),
                    MarkdownTable.ratio(row.cpuMicros()), MarkdownTable.ratio(row.cpuRatio()),
                    MarkdownTable.ratio(row.sameFilterRatio()), MarkdownTable.ratio(row.sameFilterCpuRatio()));
        }
        return """
                ### 1. Scan rate

                %s records (%s partitions, values of %.0f bytes on average, compression %s) read from the \
                beginning to the end offsets, no limit. Rounds alternate between the readers; %d warm-up round(s) \
                thrown away, then the median of %d rounds. "vs bare consumer" divides medians; the per-round ratios \
                divide each round by the bare consumer's run in the same round. The CPU columns count the reading \
                thread's CPU time (median per record; a filtered browse's adds its filter pool's), which other work on the machine disturbs far less than the \
                elapsed time: "CPU vs bare consumer" is the bare consumer's CPU per record over the reader's. \
                The bare consumer also runs each filter in its loop, on a message built as the browse builds it: \
                the "same filter" columns divide by that reader, so they show what the browse adds around the \
                filter, while "vs bare consumer" includes what the filter itself costs.

                %s""".formatted(MarkdownTable.count(topic.records()), topic.partitions(), topic.averageValueBytes(),
                compression, warmups, rounds, table.render());
    }
}
