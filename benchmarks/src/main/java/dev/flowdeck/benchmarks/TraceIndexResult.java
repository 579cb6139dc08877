package dev.flowdeck.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What the trace-index benchmark measured.
 *
 * @param topics    the five traced topics
 * @param warmups   rounds thrown away
 * @param rounds    rounds measured
 * @param bare      the bare consumer's runs, round by round
 * @param indexed   the indexer's runs, in the same rounds (CPU: the indexing thread's)
 * @param poolMicros the filter pool's CPU µs a record in each of those runs (reading trace context and keys)
 * @param events    events in the last round's index
 * @param bytes     the arrays and tables that index holds
 * @param graph     how long learning its flow graph took (once per index, not per lookup)
 * @param edges     edges in that graph
 * @param byTrace   lookups by trace id in that index
 * @param byKey     lookups by correlation key ({@code orderId}) in that index
 */
public record TraceIndexResult(TracedOrderTopics.TracedTopics topics, int warmups, int rounds, List<ScanRun> bare,
                               List<ScanRun> indexed, List<Double> poolMicros, int events, long bytes, Duration graph, int edges,
                               Lookups byTrace, Lookups byKey) implements BenchmarkResult {

    public TraceIndexResult {
        bare = List.copyOf(bare);
        indexed = List.copyOf(indexed);
        poolMicros = List.copyOf(poolMicros);
    }

    /** The indexer's median rate over the bare consumer's: the ratio (target 0.8). */
    public double ratio() {
        return rate(indexed) / rate(bare);
    }

    public double rate(List<ScanRun> runs) {
        return AlternatingRounds.median(runs.stream().map(ScanRun::perSecond).toList());
    }

    private static double cpu(List<ScanRun> runs) {
        return AlternatingRounds.median(runs.stream().map(ScanRun::cpuMicrosPerRecord).toList());
    }

    @Override
    public String markdown() {
        List<Double> ratios = AlternatingRounds.ratios(indexed.stream().map(ScanRun::perSecond).toList(),
                bare.stream().map(ScanRun::perSecond).toList());
        var rates = new MarkdownTable(1, "reader", "median records/s", "vs bare consumer", "per-round ratios",
                "CPU µs/record (reading or indexing thread)", "CPU µs/record (filter pool)");
        rates.row(TraceIndexBenchmark.RAW, MarkdownTable.rate(rate(bare)), "1.00", "–",
                MarkdownTable.ratio(cpu(bare)), "–");
        rates.row(TraceIndexBenchmark.INDEXER, MarkdownTable.rate(rate(indexed)), MarkdownTable.ratio(ratio()),
                MarkdownTable.ratio(ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow()) + "–"
                        + MarkdownTable.ratio(ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow()),
                MarkdownTable.ratio(cpu(indexed)), MarkdownTable.ratio(AlternatingRounds.median(poolMicros)));
        var lookups = new MarkdownTable(1, "lookup", "lookups", "p50", "p99", "max", "mean");
        lookups.row("by trace id", MarkdownTable.count(byTrace.count()), ms(byTrace.p50Ms()), ms(byTrace.p99Ms()), ms(byTrace.maxMs()),
                ms(byTrace.meanMs()));
        lookups.row("by key (`$.orderId`)", MarkdownTable.count(byKey.count()), ms(byKey.p50Ms()), ms(byKey.p99Ms()), ms(byKey.maxMs()),
                ms(byKey.meanMs()));
        return """
                ### 6. Trace index

                %s traced order events across %d topics (%d partitions each; a W3C `traceparent` per record, one \
                trace per order, the order's JSON with its `orderId` as correlation key; five events per chain, \
                one in each topic), read from the beginning to the end by a bare consumer assigned every partition \
                of the five topics and by core's `Indexer` filling a `ChainIndex` through the connector's browses, \
                the five topics at once. Rounds alternate; %d warm-up round(s) thrown away, then the median of %d. \
                The indexer's CPU columns are its indexing thread (inserting rows) and the filter pool (reading \
                trace context and keys); the connector reads on threads of its own, not counted.

                %s
                Then %s chains looked up in the last round's index (%s events, %s in its arrays and tables), \
                spread evenly over the orders, each checked to hold its five events; the first lookups include the \
                JIT's warm-up. Learning the flow graph (%d edges), once per index: %s.

                %s""".formatted(MarkdownTable.count(topics.records()), topics.names().size(), topics.partitions(),
                warmups, rounds, rates.render(), MarkdownTable.count(byTrace.count() + byKey.count()),
                MarkdownTable.count(events), MarkdownTable.mebibytes(bytes), edges,
                MarkdownTable.seconds(graph.toNanos() / 1e9), lookups.render());
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, "%.3f ms", millis);
    }
}
