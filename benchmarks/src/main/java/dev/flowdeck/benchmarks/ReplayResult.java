package dev.flowdeck.benchmarks;

import java.util.List;
import java.util.Locale;

/**
 * What the replay benchmark measured.
 *
 * @param topic         the dead-letter topic replayed
 * @param concurrency   the replay's concurrency (sends waiting for a confirm at once)
 * @param browseSeconds how long reading the dead letters through the connection's browse took (once, not timed
 *                      in the rounds: the bare producer has nothing to read)
 * @param bare          the bare producer's rounds
 * @param replayed      the replay's rounds, in the same rounds
 * @param lastCheck     the last replay's target, read back
 * @param audited       audit entries the replays wrote (one per run)
 * @param planning      how long planning took in each measured replay round (before its clock started)
 */
public record ReplayResult(DeadLetterTopic topic, int concurrency, double browseSeconds, List<ScanRun> bare,
                           List<ScanRun> replayed, TargetCheck.Tally lastCheck, int audited,
                           List<java.time.Duration> planning)
        implements BenchmarkResult {

    public ReplayResult {
        bare = List.copyOf(bare);
        replayed = List.copyOf(replayed);
        planning = List.copyOf(planning);
    }

    /** The median time planning took, in seconds. */
    public double planningSeconds() {
        return AlternatingRounds.median(planning.stream().map(took -> took.toNanos() / 1e9).toList());
    }

    /** The replay's median rate over the bare producer's: the ratio (target 0.7, goal 0.8). */
    public double ratio() {
        return rate(replayed) / rate(bare);
    }

    public double rate(List<ScanRun> runs) {
        return AlternatingRounds.median(runs.stream().map(ScanRun::perSecond).toList());
    }

    static double cpu(List<ScanRun> runs) {
        return AlternatingRounds.median(runs.stream().map(ScanRun::cpuMicrosPerRecord).toList());
    }

    /** The median heap bytes the harness allocated per event, all threads ("–" where not measured). */
    static String allocated(List<ScanRun> runs) {
        double bytes = AlternatingRounds.median(runs.stream().map(ScanRun::allocatedBytesPerRecord).toList());
        return bytes < 0 ? "–" : MarkdownTable.rate(bytes);
    }

    /** The median time the collectors report per round ("–" where not measured). */
    static String gc(List<ScanRun> runs) {
        double millis = AlternatingRounds.median(runs.stream().map(run -> (double) run.gcMillis()).toList());
        return millis < 0 ? "–" : MarkdownTable.rate(millis);
    }

    @Override
    public String markdown() {
        List<Double> ratios = AlternatingRounds.ratios(replayed.stream().map(ScanRun::perSecond).toList(),
                bare.stream().map(ScanRun::perSecond).toList());
        var table = new MarkdownTable(1, "sender", "median events/s", "vs bare producer", "per-round ratios",
                "CPU µs/event (harness process)", "allocated bytes/event", "GC ms a round");
        table.row(ReplayBenchmark.BARE, MarkdownTable.rate(rate(bare)), "1.00", "–", MarkdownTable.ratio(cpu(bare)),
                allocated(bare), gc(bare));
        table.row(ReplayBenchmark.REPLAY + ", concurrency " + concurrency, MarkdownTable.rate(rate(replayed)),
                MarkdownTable.ratio(ratio()),
                MarkdownTable.ratio(ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow()) + "–"
                        + MarkdownTable.ratio(ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow()),
                MarkdownTable.ratio(cpu(replayed)), allocated(replayed), gc(replayed));
        return """
                ### 7. Replay

                %s Spring Kafka dead letters (order events of about 500 bytes, the `kafka_dlt-*` headers, %d \
                partitions) replayed by Flowdeck (planner, runner, `ConnectionPublisher` over the connector's \
                connection, journal on the local disk with group commit, `BrowseReadBack` and marks; copy, no rate \
                limit) into a fresh topic each round, against a bare idempotent `KafkaProducer` (`acks=all`) sending \
                the same records (the replay's keys, values, headers and partitions) to a fresh topic. The replay is \
                timed from its start with the plan made (the operator starts from a reviewed plan) to its report: \
                marks, journal, every send confirmed and journaled; planning %d events took %s (median, not in \
                the rate). The producer is timed from its first send to its last ack; allocation and GC are the \
                harness process's (every thread) while timed. Rounds alternate; the median of the measured \
                rounds. Reading the dead letters through the browse, once: %s. The last replay's target read back: %s records, %s distinct events of the replay.

                %s""".formatted(MarkdownTable.count(topic.records()), topic.partitions(), topic.records(),
                String.format(Locale.ROOT, "%.2f s", planningSeconds()),
                String.format(Locale.ROOT, "%.2f s", browseSeconds), MarkdownTable.count(lastCheck.records()),
                MarkdownTable.count(lastCheck.distinct()), table.render());
    }
}
