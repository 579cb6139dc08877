package dev.flowdeck.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.lag.ConsumerGroupLag;
import dev.flowdeck.core.lag.LagRound;
import dev.flowdeck.core.lag.PartitionLag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How much disk the history takes, on simulated clusters sampled every 5 s, and that what it stores reads back.
 * The figures go to the log; nothing here asserts a size or a time (they depend on the traffic).
 *
 * <p>Traffic: a quarter of the partitions idle, half taking 1 to 50 records a second, a quarter 50 to 1,000; most
 * groups keep up (a lag of up to two seconds' worth), one in ten falls behind; where records wait, the age of the
 * oldest is known for seven partitions in ten.
 */
class LagHistoryFootprintTest {

    private static final Logger LOG = LoggerFactory.getLogger(LagHistoryFootprintTest.class);
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final int ROUNDS_PER_HOUR = 720;
    private static final int ROUNDS_PER_DAY = 17_280;

    @TempDir
    Path folder;

    @Test
    void twentyGroupsOfTenPartitions() throws IOException {
        measure("20 groups x 10 partitions", 20, 10, ROUNDS_PER_HOUR);
    }

    @Test
    void fiveHundredGroupsOfFiftyPartitions() throws IOException {
        measure("500 groups x 50 partitions", 500, 50, 120);
    }

    private void measure(String label, int groups, int partitions, int rounds) throws IOException {
        Instant start = Instant.parse("2026-11-27T10:00:00Z");
        var clock = new MovableClock(start);
        var cluster = new SimulatedCluster(groups, partitions, new SplittableRandom(42));
        long firstFrame = 0;
        long appendNanos = 0;
        LagRound last = null;
        try (var store = FileLagHistoryStore.open(folder, FileLagHistoryStore.DEFAULT_RETENTION, clock)) {
            for (int r = 0; r < rounds; r++) {
                Instant at = start.plus(INTERVAL.multipliedBy(r)).plusMillis(r % 7);
                clock.set(at);
                last = cluster.next(at);
                long before = System.nanoTime();
                store.append(last);
                appendNanos += System.nanoTime() - before;
                if (r == 0) {
                    firstFrame = size() - SegmentFormat.HEADER_LENGTH;
                }
            }
            assertThat(store.rounds(last.at(), last.at().plusMillis(1))).containsExactly(last);
        }
        long steadyBytes = size() - SegmentFormat.HEADER_LENGTH - firstFrame;
        double steady = (double) steadyBytes / (rounds - 1);
        double hour = SegmentFormat.HEADER_LENGTH + firstFrame + steady * (ROUNDS_PER_HOUR - 1);
        double perRound = hour / ROUNDS_PER_HOUR;
        double perDay = perRound * ROUNDS_PER_DAY;
        LOG.info(String.format(Locale.ROOT, "%s: first round of an hour %,d B, later rounds %,.0f B (%.2f B a "
                        + "partition), %,.0f B a round over the hour, %.1f MB a day at 5 s; append %.2f ms a round",
                label, firstFrame, steady, steady / (groups * partitions), perRound, perDay / 1e6,
                appendNanos / 1e6 / rounds));
        assertThat(steady).isLessThan(firstFrame);
    }

    private long size() throws IOException {
        try (var files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(Segment.SUFFIX)).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sum();
        }
    }

    /** Groups each reading their own topic of the given partitions; offsets advance at each partition's rate. */
    private static final class SimulatedCluster {

        private final SplittableRandom random;
        private final int groups;
        private final int partitions;
        private final double[] rates;
        private final boolean[] behind;
        private final long[] end;
        private final long[] committed;

        SimulatedCluster(int groups, int partitions, SplittableRandom random) {
            this.random = random;
            this.groups = groups;
            this.partitions = partitions;
            int all = groups * partitions;
            rates = new double[all];
            behind = new boolean[groups];
            end = new long[all];
            committed = new long[all];
            for (int i = 0; i < all; i++) {
                int kind = random.nextInt(4);
                rates[i] = kind == 0 ? 0 : kind == 3 ? random.nextDouble(50, 1_000) : random.nextDouble(1, 50);
                end[i] = random.nextLong(0, 50_000_000);
                committed[i] = end[i] - random.nextLong(0, 100);
            }
            for (int g = 0; g < groups; g++) {
                behind[g] = random.nextInt(10) == 0;
            }
        }

        LagRound next(Instant at) {
            List<ConsumerGroupLag> lags = new ArrayList<>(groups);
            for (int g = 0; g < groups; g++) {
                List<PartitionLag> parts = new ArrayList<>(partitions);
                for (int p = 0; p < partitions; p++) {
                    int i = g * partitions + p;
                    double rate = rates[i];
                    end[i] += Math.round(rate * INTERVAL.toSeconds() * random.nextDouble(0.8, 1.2));
                    long lag = behind[g] ? end[i] - committed[i] + Math.round(rate * random.nextDouble(0, 2))
                            : Math.round(rate * random.nextDouble(0, 2));
                    committed[i] = Math.max(committed[i], end[i] - lag);
                    long waiting = end[i] - committed[i];
                    Optional<Instant> oldest = Optional.empty();
                    if (waiting > 0 && random.nextInt(10) < 7 && rate > 0) {
                        oldest = Optional.of(Instant.ofEpochMilli(at.toEpochMilli()
                                - Math.round(waiting / rate * 1_000) - random.nextLong(0, 200)));
                    }
                    parts.add(new PartitionLag("topic-" + g, p, committed[i], end[i], oldest));
                }
                lags.add(new ConsumerGroupLag("group-" + g, "Stable", 3, parts));
            }
            return new LagRound(at, lags);
        }
    }
}
