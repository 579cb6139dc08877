package dev.flowdeck.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What the RabbitMQ replay benchmark measured.
 *
 * @param events      dead letters replayed each round
 * @param concurrency the replay's concurrency, and the bare publisher's window of unconfirmed messages
 * @param bare        the bare confirm-publisher's rounds ({@code matched}: messages in its round's queue)
 * @param replayed    the replay's rounds ({@code scanned}: delivered as the runner reported; {@code matched}: in the
 *                    round's queue)
 * @param planning    how long planning took in each measured replay round (before its clock started)
 */
public record RabbitReplayResult(int events, int concurrency, List<ScanRun> bare, List<ScanRun> replayed,
                                 List<Duration> planning) implements BenchmarkResult {

    public RabbitReplayResult {
        bare = List.copyOf(bare);
        replayed = List.copyOf(replayed);
        planning = List.copyOf(planning);
    }

    /** The replay's median rate over the bare publisher's: the ratio (target 0.7, goal 0.8). */
    public double ratio() {
        return rate(replayed) / rate(bare);
    }

    public double rate(List<ScanRun> runs) {
        return AlternatingRounds.median(runs.stream().map(ScanRun::perSecond).toList());
    }

    public double planningSeconds() {
        return AlternatingRounds.median(planning.stream().map(took -> took.toNanos() / 1e9).toList());
    }

    @Override
    public String markdown() {
        List<Double> ratios = AlternatingRounds.ratios(replayed.stream().map(ScanRun::perSecond).toList(),
                bare.stream().map(ScanRun::perSecond).toList());
        var table = new MarkdownTable(1, "sender", "median events/s", "vs bare publisher", "per-round ratios",
                "CPU µs/event (harness process)", "allocated bytes/event", "GC ms a round");
        table.row(RabbitReplayBenchmark.BARE + ", window " + concurrency, MarkdownTable.rate(rate(bare)), "1.00",
                "–", MarkdownTable.ratio(ReplayResult.cpu(bare)), ReplayResult.allocated(bare),
                ReplayResult.gc(bare));
        table.row(RabbitReplayBenchmark.REPLAY + ", concurrency " + concurrency, MarkdownTable.rate(rate(replayed)),
                MarkdownTable.ratio(ratio()),
                MarkdownTable.ratio(ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow()) + "–"
                        + MarkdownTable.ratio(ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow()),
                MarkdownTable.ratio(ReplayResult.cpu(replayed)), ReplayResult.allocated(replayed),
                ReplayResult.gc(replayed));
        return """
                ### 8. Replay on RabbitMQ

                %s dead letters (the order events, expired by a queue's TTL of 0, in a classic dead-letter queue; \
                10,000 at most, what one browse of a classic queue takes) on a \
                private RabbitMQ node, replayed (copy) by Flowdeck to the exchange and routing key they were \
                published with (runner, `ConnectionPublisher` over the connector's connection, journal with group \
                commit), against a bare `Channel.confirmSelect()` publisher sending the same messages and awaiting \
                the confirms a window of %d at a time. Each round sends into a fresh durable queue; every round's \
                queue held every message once (%s). The replay is timed from its start with the plan made; \
                planning took %s (median, not in the rate).

                %s""".formatted(MarkdownTable.count(events), concurrency,
                held() ? "checked" : "NOT: see the rounds' counts", String.format(Locale.ROOT, "%.2f s",
                        planningSeconds()), table.render());
    }

    /** Whether every round's queue held exactly the messages sent. */
    public boolean held() {
        return bare.stream().allMatch(run -> run.matched() == events)
                && replayed.stream().allMatch(run -> run.matched() == events && run.scanned() == events);
    }
}
