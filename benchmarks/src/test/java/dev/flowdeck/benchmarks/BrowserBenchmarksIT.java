package dev.flowdeck.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.views.browser.BrowserViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The harness with tiny sizes, so `./mvnw verify` shows it still runs and counts right. It asserts counts and that
 * the heap child finished, never a time or a ratio: those are for the full run on a quiet machine.
 */
class BrowserBenchmarksIT {

    private static final long RECORDS = 20_000;
    private static final LagShape LAG = new LagShape(2, 5, 10);
    private static final long REPLAYED = 3_000;

    @Test
    void runsEveryBenchmarkAndCountsRight() throws Exception {
        Path out = Path.of("target", "smoke", "results.md");
        var options = new BenchmarkOptions(RECORDS, RECORDS, 1, 0, "none", LAG, REPLAYED,
                BenchmarkOptions.REPLAY_CONCURRENCY, Set.of(), out);

        Report report = BrowserBenchmarks.run(options);

        var scan = report.result(ScanRateResult.class);
        assertThat(scan.rows()).hasSize(6).allSatisfy(row -> {
            assertThat(row.scanned()).isEqualTo(RECORDS);
            assertThat(row.medianPerSecond()).isPositive();
        });
        assertThat(scan.rows()).extracting(ScanRateResult.Row::matched)
                .containsExactly(RECORDS, RECORDS, RECORDS / 100, RECORDS / 100, RECORDS / 100, RECORDS / 100);
        assertThat(scan.rows()).extracting(ScanRateResult.Row::reader).containsExactly(ScanRateBenchmark.RAW,
                "Flowdeck browse", ScanRateBenchmark.RAW, "Flowdeck browse", ScanRateBenchmark.RAW, "Flowdeck browse");
        assertThat(scan.rows().get(2).sameFilterRatio()).as("the bare regex reader is its own yardstick")
                .isEqualTo(1.0);

        var key = report.result(KeySearchResult.class);
        assertThat(key.scanned()).isLessThanOrEqualTo(key.partitionSize()).isLessThan(RECORDS);
        assertThat(key.found()).isEqualTo(OrderEvents.EVENTS_PER_ORDER);
        assertThat(key.notes()).singleElement().asString()
                .startsWith("Searched partition " + key.topic().probePartition() + " only");

        var heap = report.result(HeapResult.class);
        assertThat(heap.finished()).as("the heap child finished").isTrue();
        assertThat(heap.scanned()).isEqualTo(RECORDS);
        assertThat(heap.matched()).isEqualTo(RECORDS / 100);
        assertThat(heap.kept() + heap.notKept()).isEqualTo(heap.matched());

        var pulses = report.result(PulseGapResult.class);
        assertThat(pulses.warm()).as("one warm scan a round").hasSize(1);
        for (PulseGaps shown : Stream.concat(Stream.of(pulses.cold()), pulses.warm().stream()).toList()) {
            assertThat(shown.scanned()).isEqualTo(RECORDS);
            assertThat(shown.rows()).isEqualTo(BrowserViewModel.ROW_CAP);
            assertThat(shown.pulses()).isPositive();
        }

        var lag = report.result(LagRoundResult.class);
        assertThat(lag.movedSeconds()).hasSize(1);
        for (LagTally tally : List.of(lag.moved(), lag.unchanged())) {
            assertThat(tally.groups()).isEqualTo(LAG.groups());
            assertThat(tally.partitions()).isEqualTo(LAG.groups() * LAG.partitions());
            assertThat(tally.aged()).as("every waiting partition's age known").isEqualTo(tally.waiting())
                    .isEqualTo(tally.partitions());
        }

        var masking = report.result(MaskingResult.class);
        assertThat(masking.records()).isEqualTo(RECORDS);
        assertThat(masking.leaked()).as("no e-mail address in a masked export").isZero();
        assertThat(masking.readMaskedSeconds()).isPositive();

        var trace = report.result(TraceIndexResult.class);
        assertThat(trace.indexed()).hasSize(1).allSatisfy(run -> {
            assertThat(run.scanned()).isEqualTo(RECORDS);
            assertThat(run.matched()).as("every traced event indexed").isEqualTo(RECORDS);
        });
        assertThat(trace.plain()).as("the plain scan of the same topics").hasSize(1)
                .allSatisfy(run -> assertThat(run.scanned()).isEqualTo(RECORDS));
        assertThat(trace.events()).isEqualTo(RECORDS);
        assertThat(trace.edges()).as("orders -> payments -> stock -> shipping -> notifications").isEqualTo(4);
        long orders = RECORDS / OrderEvents.EVENTS_PER_ORDER;
        for (Lookups lookups : List.of(trace.byTrace(), trace.byKey())) {
            assertThat(lookups.count()).as("one lookup per order, at this size").isEqualTo(orders);
            assertThat(lookups.events()).isEqualTo(RECORDS);
        }

        var replay = report.result(ReplayResult.class);
        assertThat(replay.topic().records()).isEqualTo(REPLAYED);
        assertThat(replay.bare()).singleElement().satisfies(run -> assertThat(run.scanned()).isEqualTo(REPLAYED));
        assertThat(replay.replayed()).singleElement().satisfies(run -> {
            assertThat(run.scanned()).as("delivered, as the runner reported").isEqualTo(REPLAYED);
            assertThat(run.matched()).as("distinct events in the target").isEqualTo(REPLAYED);
        });
        assertThat(replay.lastCheck()).as("every event in the target once")
                .isEqualTo(new TargetCheck.Tally(REPLAYED, REPLAYED, REPLAYED));
        assertThat(replay.audited()).isEqualTo(1);
        assertThat(replay.planning()).hasSize(1);

        var rabbit = report.result(RabbitReplayResult.class);
        assertThat(rabbit.bare()).singleElement().satisfies(run -> assertThat(run.matched())
                .as("every message in the bare round's queue once").isEqualTo(REPLAYED));
        assertThat(rabbit.replayed()).singleElement().satisfies(run -> {
            assertThat(run.scanned()).as("delivered, as the runner reported").isEqualTo(REPLAYED);
            assertThat(run.matched()).as("every event in the replay round's queue once").isEqualTo(REPLAYED);
        });

        var avro = report.result(AvroScanBenchmark.AvroScanResult.class).rates();
        assertThat(avro.rows()).extracting(ScanRateResult.Row::matched)
                .containsExactly(RECORDS, RECORDS, RECORDS, RECORDS, RECORDS / 100);
        assertThat(avro.rows()).allSatisfy(row -> assertThat(row.scanned()).isEqualTo(RECORDS));

        assertThat(Files.readString(out)).contains("### 1. Scan rate", "### 2. Key search", "### 3. Memory",
                "### 4. The UI during a full-speed scan", "### 5. Lag round", "### 6. Trace index", "### 7. Replay",
                "### 8. Replay on RabbitMQ", "### 9. Avro scan");
    }
}
