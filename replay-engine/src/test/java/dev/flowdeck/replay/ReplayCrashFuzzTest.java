package dev.flowdeck.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.fuzz.Fuzz;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise of the replay issue, checked over many seeded runs: whatever point the app is killed at (during a
 * send, between the broker storing a message and its confirm, before or after a dead letter's removal, during a
 * read-back), as often as it is killed, with sends failing now and then and the journal's last line torn,
 * resuming from the journal ends with every planned event in the target exactly once, and no dead letter removed
 * before the target held its event.
 *
 * <p>The journal is written in batches (a concurrency window's lines, one force), so the app is also killed in the
 * middle of a batch's write: any prefix of its bytes reaches the disk (whole lines, then maybe part of one). As
 * each send and removal begins, the fake cluster reads the journal file to check its line is already there.
 */
class ReplayCrashFuzzTest {

    @TempDir
    Path dir;

    @Test
    void everyEventLandsExactlyOnceWhereverTheAppIsKilled() {
        AtomicInteger tries = new AtomicInteger();
        AtomicInteger crashes = new AtomicInteger();
        AtomicInteger torn = new AtomicInteger();
        AtomicInteger readBacks = new AtomicInteger();
        AtomicInteger found = new AtomicInteger();
        AtomicInteger tornBatches = new AtomicInteger();
        AtomicInteger batches = new AtomicInteger();
        Fuzz.check(300, fuzz -> {
            Path journalFile = dir.resolve("try-" + tries.incrementAndGet() + ".journal");
            VirtualTime time = new VirtualTime(Instant.parse("2025-03-01T12:00:00Z"));
            FakeCluster cluster = new FakeCluster(time, fuzz::below);
            cluster.failPercent = fuzz.input("failPercent", fuzz.of(0, 0, 10, 30));
            // Short latencies make answers arrive together, so that their lines share a batch.
            cluster.maxLatencyMillis = fuzz.input("maxLatencyMillis", fuzz.of(100, 3));
            cluster.journalOnDisk = (key, step) -> onDisk(journalFile, key, step);
            ReplayMode mode = fuzz.input("mode", fuzz.of(ReplayMode.values()));
            ReplayOptions options = fuzz.input("options", new ReplayOptions(fuzz.of(0.0, 5.0, 50.0, 1000.0),
                    fuzz.of(1, 2, 4, 8, 16), false));
            ReplayPlan plan = plan(fuzz.input("events", fuzz.between(0, 25)), mode);
            plan.events().forEach(event -> cluster.deadLetters.add(event.key()));

            int runs = 0;
            ReplayReport last = null;
            while (true) {
                runs++;
                assertThat(runs).as("runs before every event landed").isLessThan(60);
                // A few runs are killed at a random operation; later ones run to their end (failures still happen).
                boolean killed = runs <= 8 && !fuzz.oneIn(4);
                // Two kills in three may come in a journal write instead, if one comes before the cluster's kill.
                boolean inAWrite = killed && !fuzz.oneIn(3);
                cluster.crashCountdown = killed ? fuzz.between(0, 2 * plan.events().size() + 2) : -1;
                ReplayJournal journal = ReplayJournal.open(journalFile, plan.id(), time);
                AtomicInteger writesLeft = new AtomicInteger(inAWrite ? fuzz.between(0, 3) : -1);
                journal.failWritesWith((channel, at, bytes) -> {
                    int lines = lines(bytes);
                    batches.addAndGet(lines > 1 ? 1 : 0);
                    // Killed at the first batch of several lines from the chosen write on (or now and then at a
                    // single line).
                    if (writesLeft.get() < 0 || writesLeft.getAndDecrement() > 0 || lines < 2 && !fuzz.oneIn(4)) {
                        return;
                    }
                    // Killed while the batch was being written: a prefix of it reached the disk, the rest did not.
                    int kept = fuzz.between(0, bytes.remaining() - 1);
                    ByteBuffer prefix = bytes.slice(0, kept);
                    int keptLines = lines(prefix);
                    tornBatches.addAndGet(keptLines > 0 && keptLines < lines ? 1 : 0);
                    while (prefix.hasRemaining()) {
                        at += channel.write(prefix, at);
                    }
                    throw new VirtualTime.Crash("in the middle of a journal write");
                });
                ReplayRunner runner = new ReplayRunner(plan, journal, new ReplayRunner.Services(cluster, cluster,
                        cluster, ReplayHistory.none(), cluster, time, time), options, progress -> { });
                CompletionStage<ReplayReport> report = runner.start();
                boolean crashed = time.runUntilIdle();
                journal.close();
                if (crashed) {
                    crashes.incrementAndGet();
                    time.reset();
                    if (fuzz.oneIn(3)) {
                        torn.incrementAndGet();
                        tearTheLastLine(journalFile, fuzz);
                    }
                    continue;
                }
                last = report.toCompletableFuture().join();
                if (last.complete() && (mode == ReplayMode.COPY
                        || last.outcomes().stream().allMatch(EventOutcome::removed))) {
                    break;
                }
            }

            for (PlannedEvent event : plan.events()) {
                assertThat(cluster.copiesOf(event.key(), plan.id())).as("copies of " + event.key()).isEqualTo(1);
            }
            assertThat(cluster.target).hasSize(plan.events().size());
            assertThat(cluster.violations).isEmpty();
            if (mode == ReplayMode.MOVE) {
                assertThat(cluster.deadLetters).isEmpty();
                assertThat(cluster.removals).hasSize(plan.events().size()).doesNotHaveDuplicates();
            } else {
                assertThat(cluster.removals).isEmpty();
            }
            assertThat(last.outcomes()).hasSize(plan.events().size()).allMatch(EventOutcome::inTarget);
            assertThat(cluster.audit.getLast().succeeded()).isTrue();
            JournalState state = ReplayJournal.open(journalFile, plan.id(), time).state();
            assertThat(state.delivered()).hasSize(plan.events().size());
            readBacks.addAndGet(cluster.readBacks);
            found.addAndGet(cluster.readBacksFound);
        });
        // The runs went where the promise is at risk: killed often, torn journals, sends of unknown outcome that
        // the target turned out to hold, and ones it did not.
        assertThat(crashes.get()).as("crashes; torn batches " + tornBatches + " of " + batches)
                .isGreaterThan(300);
        assertThat(torn.get()).isGreaterThan(80);
        assertThat(found.get()).isGreaterThan(200);
        assertThat(readBacks.get() - found.get()).isGreaterThan(200);
        // Windows were journaled as batches, and the app died inside them, keeping some of their lines.
        assertThat(batches.get()).isGreaterThan(1000);
        assertThat(tornBatches.get()).as("batches torn after some of their lines").isGreaterThan(50);
    }

    private static int lines(ByteBuffer bytes) {
        int lines = 0;
        for (int i = bytes.position(); i < bytes.limit(); i++) {
            lines += bytes.get(i) == '\n' ? 1 : 0;
        }
        return lines;
    }

    /** Whether the journal file holds an intact line of {@code step} for the event (read as a resume reads it). */
    private static boolean onDisk(Path journalFile, String key, JournalState.Step step) {
        try {
            String wanted = step.name().toLowerCase(java.util.Locale.ROOT);
            return ReplayJournal.readIntact(journalFile).stream().anyMatch(record ->
                    key.equals(record.path("event").asText()) && wanted.equals(record.path("step").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ReplayPlan plan(int events, ReplayMode mode) {
        List<BrowsedMessage> messages = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            messages.add(Messages.kafkaDeadLetter(100 + i, "{\"n\":" + i + "}"));
        }
        return new ReplayPlanner(java.time.Clock.systemUTC(), () -> "replay-fuzz", DeadLetterHeaders.KNOWN_CONVENTIONS,
                5).plan(Messages.kafkaSelection(messages.toArray(BrowsedMessage[]::new)), List.of(), mode);
    }

    /** What a kill in the middle of a write leaves: part of a line, no newline. */
    private static void tearTheLastLine(Path file, Fuzz fuzz) {
        String partial = fuzz.of("0badc0de {\"step\":\"sent\",\"ev", "1", "deadbeef");
        try {
            Files.write(file, partial.getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
