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
 * @param plain     the browser's plain scan of the same topics (no filter, no index), in the same rounds
 * @param indexed   the indexer's runs, in the same rounds (CPU: the indexing thread's)
 * @param readingMicros the CPU µs a record of the browses' reading threads in each of those runs (reading the
 *                      broker, making the messages, reading their trace context and keys)
 * @param bareProcessMicros    the harness process's CPU µs a record in each bare run (its reading thread, the
 *                             collector, the compiler)
 * @param indexerProcessMicros the same in each indexer run: the connector's reading threads too
 * @param bareBrokerMicros     the sandbox broker's CPU µs a record in each bare run (its child JVM)
 * @param indexerBrokerMicros  the same in each indexer run
 * @param events    events in the last round's index
 * @param bytes     the arrays and tables that index holds
 * @param graph     how long learning its flow graph took (once per index, not per lookup)
 * @param edges     edges in that graph
 * @param byTrace   lookups by trace id in that index
 * @param byKey     lookups by correlation key ({@code orderId}) in that index
 */
public record TraceIndexResult(TracedOrderTopics.TracedTopics topics, int warmups, int rounds, List<ScanRun> bare,
                               List<ScanRun> plain, List<ScanRun> indexed, List<Double> readingMicros,
                               List<Double> bareProcessMicros,
                               List<Double> indexerProcessMicros, List<Double> bareBrokerMicros,
                               List<Double> indexerBrokerMicros, int events, long bytes, Duration graph, int edges,
                               Lookups byTrace, Lookups byKey) implements BenchmarkResult {

    public TraceIndexResult {
        bare = List.copyOf(bare);
        plain = List.copyOf(plain);
        indexed = List.copyOf(indexed);
        readingMicros = List.copyOf(readingMicros);
        bareProcessMicros = List.copyOf(bareProcessMicros);
        indexerProcessMicros = List.copyOf(indexerProcessMicros);
        bareBrokerMicros = List.copyOf(bareBrokerMicros);
        indexerBrokerMicros = List.copyOf(indexerBrokerMicros);
    }

    /** The indexer's median rate over the bare consumer's: the ratio (target 0.8). */
    public double ratio() {
        return rate(indexed) / rate(bare);
    }

    /** The indexer's median rate over the plain scan's: the words, "the plain scan rate" (target 0.8). */
    public double ratioToPlainScan() {
        return rate(indexed) / rate(plain);
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
        List<Double> plainRatios = AlternatingRounds.ratios(plain.stream().map(ScanRun::perSecond).toList(),
                bare.stream().map(ScanRun::perSecond).toList());
        List<Double> toPlain = AlternatingRounds.ratios(indexed.stream().map(ScanRun::perSecond).toList(),
                plain.stream().map(ScanRun::perSecond).toList());
        var rates = new MarkdownTable(1, "reader", "median records/s", "vs bare consumer", "per-round ratios",
                "CPU µs/record (reading threads)", "CPU µs/record (indexing thread)", "CPU µs/record (whole process)",
                "CPU µs/record (broker)");
        rates.row(TraceIndexBenchmark.RAW, MarkdownTable.rate(rate(bare)), "1.00", "–",
                MarkdownTable.ratio(cpu(bare)), "–", MarkdownTable.ratio(AlternatingRounds.median(bareProcessMicros)),
                MarkdownTable.ratio(AlternatingRounds.median(bareBrokerMicros)));
        rates.row(TraceIndexBenchmark.PLAIN, MarkdownTable.rate(rate(plain)),
                MarkdownTable.ratio(rate(plain) / rate(bare)), range(plainRatios), "–", "–", "–", "–");
        rates.row(TraceIndexBenchmark.INDEXER, MarkdownTable.rate(rate(indexed)), MarkdownTable.ratio(ratio()),
                MarkdownTable.ratio(ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow()) + "–"
                        + MarkdownTable.ratio(ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow()),
                MarkdownTable.ratio(AlternatingRounds.median(readingMicros)), MarkdownTable.ratio(cpu(indexed)),
                MarkdownTable.ratio(AlternatingRounds.median(indexerProcessMicros)),
                MarkdownTable.ratio(AlternatingRounds.median(indexerBrokerMicros)));
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
                The browser's plain scan (one browse a topic, no filter, no index) runs in the same rounds:                 the indexer runs at **%s** of its rate (per round %s), the issue's "plain scan rate".                 CPU a record: the bare consumer's one thread; the connector's reading threads of the indexer's \
                five browses (polling, making messages, and reading each batch's trace context and keys as it is \
                handed over) and its indexing thread (inserting rows); all the harness's threads (the collector \
                and the compiler too); and the broker's child JVM.

                %s
                Then %s chains looked up in the last round's index (%s events, %s in its arrays and tables), \
                spread evenly over the orders, each checked to hold its five events; the first lookups include the \
                JIT's warm-up. Learning the flow graph (%d edges), once per index: %s.

                %s""".formatted(MarkdownTable.count(topics.records()), topics.names().size(), topics.partitions(),
                warmups, rounds, MarkdownTable.ratio(ratioToPlainScan()), range(toPlain), rates.render(), MarkdownTable.count(byTrace.count() + byKey.count()),
                MarkdownTable.count(events), MarkdownTable.mebibytes(bytes), edges,
                MarkdownTable.seconds(graph.toNanos() / 1e9), lookups.render());
    }

    private static String range(List<Double> ratios) {
        return MarkdownTable.ratio(ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow()) + "–"
                + MarkdownTable.ratio(ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, "%.3f ms", millis);
    }
}
