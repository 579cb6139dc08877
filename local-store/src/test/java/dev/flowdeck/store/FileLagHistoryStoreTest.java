package dev.flowdeck.store;

import static java.time.temporal.ChronoUnit.MILLIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowdeck.core.fuzz.Fuzz;
import dev.flowdeck.core.lag.ConsumerGroupLag;
import dev.flowdeck.core.lag.GroupSample;
import dev.flowdeck.core.lag.LagRound;
import dev.flowdeck.core.lag.PartitionLag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLagHistoryStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:15:30.123456789Z");
    private static final Instant EVER = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant NEVER = Instant.parse("2100-01-01T00:00:00Z");

    @TempDir
    Path folder;

    private final MovableClock clock = new MovableClock(T0);

    @Test
    void everyFieldComesBackAsItWasWritten() {
        var first = new LagRound(T0, List.of(
                new ConsumerGroupLag("payment-service", "Stable", 3, List.of(
                        new PartitionLag("orders", 0, 1_000, 1_250, Optional.of(T0.minusSeconds(42).truncatedTo(MILLIS))),
                        new PartitionLag("orders", 1, -1, 77),
                        new PartitionLag("payments", 0, 5, 5))),
                new ConsumerGroupLag("audit", "Empty", 0, List.of(
                        new PartitionLag("orders", 0, 900, 1_250, Optional.empty())))));
        // The next round: offsets moved both ways, a partition gone, a record stamped after the round (clock skew).
        var second = new LagRound(T0.plusSeconds(5), List.of(
                new ConsumerGroupLag("payment-service", "PreparingRebalance", 2, List.of(
                        new PartitionLag("orders", 0, 1_240, 1_300, Optional.of(Instant.parse(
                                "2026-11-27T10:15:40.001Z"))),
                        new PartitionLag("payments", 0, 3, 9))),
                new ConsumerGroupLag("audit", "Empty", 0, List.of(
                        new PartitionLag("orders", 0, 900, 1_300, Optional.of(T0.minusSeconds(3_600).truncatedTo(MILLIS)))))));

        try (var store = open()) {
            store.append(first);
            store.append(second);

            assertThat(store.rounds(EVER, NEVER)).containsExactly(first, second);
            assertThat(store.samples("audit", EVER, NEVER)).containsExactly(
                    new GroupSample(first.at(), first.groups().get(1)),
                    new GroupSample(second.at(), second.groups().get(1)));
            assertThat(store.rounds(T0.plusSeconds(1), NEVER)).containsExactly(second);
            assertThat(store.rounds(T0, T0.plusSeconds(5))).containsExactly(first);
        }
    }

    @Test
    void aRestartReadsWhatWasWrittenAndContinuesTheSameHour() {
        var rounds = steadyRounds(T0, 6, 3, 4);
        try (var store = open()) {
            rounds.subList(0, 3).forEach(store::append);
        }
        try (var reopened = open()) {
            assertThat(reopened.rounds(EVER, NEVER)).isEqualTo(rounds.subList(0, 3));
            rounds.subList(3, 6).forEach(reopened::append);
        }
        try (var again = open()) {
            assertThat(again.rounds(EVER, NEVER)).isEqualTo(rounds);
            assertThat(again.segmentFiles()).hasSize(1);
        }
    }

    @Test
    void aTornTailIsSkippedAndTheNextAppendFollowsTheLastGoodRound() throws IOException {
        var rounds = steadyRounds(T0, 4, 2, 3);
        Path segment;
        try (var store = open()) {
            rounds.subList(0, 3).forEach(store::append);
            segment = store.segmentFiles().getFirst();
        }
        try (var file = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            file.truncate(file.size() - 3); // a crash in the middle of writing the third round
        }

        try (var store = open()) {
            assertThat(store.rounds(EVER, NEVER)).isEqualTo(rounds.subList(0, 2));
            store.append(rounds.get(3));
            assertThat(store.rounds(EVER, NEVER)).containsExactly(rounds.get(0), rounds.get(1), rounds.get(3));
        }
        try (var store = open()) {
            assertThat(store.rounds(EVER, NEVER)).containsExactly(rounds.get(0), rounds.get(1), rounds.get(3));
        }
    }

    @Test
    void aDamagedFrameFailsItsChecksumAndReadingStopsBeforeIt() throws IOException {
        var rounds = steadyRounds(T0, 3, 2, 3);
        Path segment;
        try (var store = open()) {
            rounds.forEach(store::append);
            segment = store.segmentFiles().getFirst();
        }
        try (var file = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long inLastFrame = file.size() - 2;
            ByteBuffer one = ByteBuffer.allocate(1);
            file.read(one, inLastFrame);
            file.write(ByteBuffer.wrap(new byte[] {(byte) (one.get(0) ^ 0x10)}), inLastFrame);
            // and garbage after it, as a half-written frame header would leave
            file.write(ByteBuffer.wrap(new byte[] {0, 0, 1}), file.size());
        }

        try (var store = open()) {
            assertThat(store.rounds(EVER, NEVER)).isEqualTo(rounds.subList(0, 2));
            var next = steadyRounds(T0.plusSeconds(60), 1, 2, 3).getFirst();
            store.append(next);
            assertThat(store.rounds(EVER, NEVER)).containsExactly(rounds.get(0), rounds.get(1), next);
        }
    }

    @Test
    void hoursWhollyOlderThanTheRetentionAreDeletedOnOpenAndAsTimeMovesOn() {
        Instant start = Instant.parse("2026-11-27T00:00:00Z");
        clock.set(start);
        try (var store = FileLagHistoryStore.open(folder, Duration.ofHours(2), clock)) {
            for (int hour = 0; hour < 4; hour++) {
                clock.set(start.plus(Duration.ofHours(hour)).plusSeconds(30));
                store.append(steadyRounds(clock.instant(), 1, 1, 1).getFirst());
            }
            // At 03:00:30 the 00:00 hour ended more than 2 h ago; the 01:00 hour still has rounds inside the window.
            assertThat(store.segmentFiles()).extracting(path -> path.getFileName().toString())
                    .containsExactly("20261127-01.lag", "20261127-02.lag", "20261127-03.lag");
            assertThat(store.rounds(EVER, NEVER)).extracting(LagRound::at)
                    .allSatisfy(at -> assertThat(at).isAfterOrEqualTo(Instant.parse("2026-11-27T01:00:00Z")));
        }

        clock.set(Instant.parse("2026-11-27T05:30:00Z"));
        try (var reopened = FileLagHistoryStore.open(folder, Duration.ofHours(2), clock)) {
            assertThat(reopened.segmentFiles()).extracting(path -> path.getFileName().toString())
                    .containsExactly("20261127-03.lag");
            assertThat(folder.resolve("20261127-01.lag")).doesNotExist();
            assertThat(folder.resolve("20261127-02.lag")).doesNotExist();

            reopened.append(steadyRounds(Instant.parse("2026-11-27T02:59:00Z"), 1, 1, 1).getFirst());
            assertThat(folder.resolve("20261127-02.lag")).as("a round already past retention is not written")
                    .doesNotExist();
        }
    }

    @Test
    void readsWhileAppendingSeeOnlyWholeRoundsInOrder() throws Exception {
        var rounds = steadyRounds(T0, 400, 5, 8);
        var appended = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (var store = open()) {
            var writing = CompletableFuture.runAsync(() -> {
                rounds.forEach(store::append);
                appended.set(true);
            }, threads);
            var reading = CompletableFuture.supplyAsync(() -> {
                int reads = 0;
                while (!appended.get() || reads == 0) {
                    List<LagRound> seen = store.rounds(EVER, NEVER);
                    assertThat(seen).isEqualTo(rounds.subList(0, seen.size()));
                    List<GroupSample> samples = store.samples("group-3", EVER, NEVER);
                    assertThat(samples.size()).isGreaterThanOrEqualTo(seen.size());
                    reads++;
                }
                return reads;
            }, threads);

            writing.get(60, TimeUnit.SECONDS);
            assertThat(reading.get(60, TimeUnit.SECONDS)).isPositive();
            assertThat(store.rounds(EVER, NEVER)).isEqualTo(rounds);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void oneGroupsSamplesLeaveTheOthersOut() {
        var rounds = steadyRounds(T0, 10, 4, 2);
        try (var store = open()) {
            rounds.forEach(store::append);

            List<GroupSample> samples = store.samples("group-2", T0.plusSeconds(10), T0.plusSeconds(30));

            assertThat(samples).extracting(GroupSample::at)
                    .containsExactly(T0.plusSeconds(10), T0.plusSeconds(15), T0.plusSeconds(20), T0.plusSeconds(25));
            assertThat(samples).extracting(sample -> sample.lag().group()).containsOnly("group-2");
            assertThat(samples.getFirst().lag()).isEqualTo(rounds.get(2).groups().get(2));
            assertThat(store.samples("nobody", EVER, NEVER)).isEmpty();
        }
    }

    @Test
    void aSecondStoreOnTheSameFolderIsRefusedWithASentence() {
        try (var store = open()) {
            assertThatThrownBy(this::open).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("is kept by another Flowdeck window or process");
        }
    }

    @Test
    void clustersGetFoldersOfTheirOwnEvenWhenTheirNamesDifferOnlyInCase() {
        assertThat(ClusterFolder.nameFor("Prod EU/1")).startsWith("prod_eu_1-").hasSize("prod_eu_1-".length() + 8);
        assertThat(ClusterFolder.nameFor("Prod")).isNotEqualTo(ClusterFolder.nameFor("prod"));
    }

    @Test
    void randomRoundsComeBackExactlyAcrossHoursAndRestarts() {
        Fuzz.check(60, fuzz -> {
            Path directory = folder.resolve("try-" + System.nanoTime());
            List<String> names = fuzz.input("names", fuzz.list(1, 6, () -> fuzz.oneIn(4) ? fuzz.string(12)
                    : fuzz.chars("abcdefghij-._", 10)));
            Instant start = T0.plusMillis(fuzz.between(0, 3_600_000));
            List<LagRound> rounds = new ArrayList<>();
            int count = fuzz.between(1, 40);
            Instant at = start;
            for (int r = 0; r < count; r++) {
                at = at.plusNanos(fuzz.between(0L, 900_000_000_000L)); // up to 15 min: rounds span hours
                rounds.add(randomRound(fuzz, at, names));
            }
            fuzz.input("rounds", rounds);
            int restartAt = fuzz.between(0, count);
            var movable = new MovableClock(start);
            var store = FileLagHistoryStore.open(directory, Duration.ofDays(3_650), movable);
            try {
                for (int r = 0; r < count; r++) {
                    if (r == restartAt) {
                        store.close();
                        store = FileLagHistoryStore.open(directory, Duration.ofDays(3_650), movable);
                    }
                    store.append(rounds.get(r));
                }
                assertThat(store.rounds(EVER, NEVER)).isEqualTo(rounds);
                String group = fuzz.of(names.toArray(String[]::new));
                List<GroupSample> expected = new ArrayList<>();
                for (LagRound round : rounds) {
                    round.groups().stream().filter(g -> g.group().equals(group))
                            .forEach(g -> expected.add(new GroupSample(round.at(), g)));
                }
                assertThat(store.samples(group, EVER, NEVER)).isEqualTo(expected);
            } finally {
                store.close();
            }
        });
    }

    private static LagRound randomRound(Fuzz fuzz, Instant at, List<String> names) {
        List<ConsumerGroupLag> groups = fuzz.list(0, 4, () -> new ConsumerGroupLag(fuzz.of(names.toArray(String[]::new)),
                fuzz.of("Stable", "Empty", "Dead", fuzz.string(5)), fuzz.between(Integer.MIN_VALUE, Integer.MAX_VALUE),
                fuzz.list(0, 6, () -> new PartitionLag(fuzz.of(names.toArray(String[]::new)),
                        fuzz.oneIn(5) ? fuzz.between(Integer.MIN_VALUE, Integer.MAX_VALUE) : fuzz.between(0, 3),
                        fuzz.oneIn(3) ? fuzz.anyLong() : fuzz.between(-1L, 1_000L),
                        fuzz.oneIn(3) ? fuzz.anyLong() : fuzz.between(0L, 2_000L),
                        fuzz.oneIn(3) ? Optional.empty()
                                : Optional.of(Instant.ofEpochMilli(at.toEpochMilli() + fuzz.between(-86_400_000L,
                                        86_400_000L)))))));
        return new LagRound(at, groups);
    }

    /** {@code count} rounds 5 s apart of groups "group-0".. reading topic "orders", offsets moving a little. */
    static List<LagRound> steadyRounds(Instant start, int count, int groups, int partitions) {
        List<LagRound> rounds = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            List<ConsumerGroupLag> lags = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                List<PartitionLag> parts = new ArrayList<>();
                for (int p = 0; p < partitions; p++) {
                    long end = 10_000L * p + 37L * r;
                    parts.add(new PartitionLag("orders", p, end - (r + g + p) % 7, end,
                            (r + p) % 3 == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(
                                    start.toEpochMilli() + 5_000L * r - 1_000L * (g + 1)))));
                }
                lags.add(new ConsumerGroupLag("group-" + g, g % 2 == 0 ? "Stable" : "Empty", g % 2 == 0 ? 2 : 0,
                        parts));
            }
            rounds.add(new LagRound(start.plusSeconds(5L * r), lags));
        }
        return rounds;
    }

    private FileLagHistoryStore open() {
        return FileLagHistoryStore.open(folder, FileLagHistoryStore.DEFAULT_RETENTION, clock);
    }
}
