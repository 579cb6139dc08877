package dev.flowdeck.replayconnect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.replay.ReplayJournal;
import dev.flowdeck.replay.ReplaySummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a replay stands, read from the journal its runs wrote. */
class ReplaySummaryTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path replays;

    @Test
    void everyEventWithItsFinalOutcomeIsFinished() throws Exception {
        Path file = journal("r-1", journal -> {
            journal.planned(List.of("a", "b", "c"));
            journal.sent("a");
            journal.confirmed("a", null);
            journal.sent("b");
            journal.confirmed("b", null);
            journal.removed("b");
            journal.skipped("c", "held back");
        });

        ReplaySummary summary = ReplaySummary.of(ReplayJournal.read(file), true);

        assertThat(summary.replayId()).isEqualTo("r-1");
        assertThat(summary.state()).isEqualTo(ReplaySummary.State.FINISHED);
        assertThat(summary.events()).isEqualTo(3);
        assertThat(summary.delivered()).isEqualTo(2);
        assertThat(summary.skipped()).isEqualTo(1);
        assertThat(summary.began()).isEqualTo(CLOCK.instant());
        assertThat(summary.resumable()).isTrue();
    }

    @Test
    void eventsNeverSentMakeItInterrupted() throws Exception {
        Path file = journal("r-2", journal -> {
            journal.planned(List.of("a", "b"));
            journal.sent("a");
            journal.confirmed("a", null);
        });

        ReplaySummary summary = ReplaySummary.of(ReplayJournal.read(file), false);

        assertThat(summary.state()).isEqualTo(ReplaySummary.State.INTERRUPTED);
        assertThat(summary.notSent()).isEqualTo(1);
        assertThat(summary.state().spoken()).isEqualTo("interrupted");
    }

    @Test
    void aSendWithoutItsConfirmMakesItInDoubtEvenWithEventsNotSent() throws Exception {
        Path file = journal("r-3", journal -> {
            journal.planned(List.of("a", "b", "c"));
            journal.sent("a");
            journal.sent("b");
            journal.failed("b", "timed out");
        });

        ReplaySummary summary = ReplaySummary.of(ReplayJournal.read(file), true);

        assertThat(summary.state()).isEqualTo(ReplaySummary.State.IN_DOUBT);
        assertThat(summary.inDoubt()).isEqualTo(2);
        assertThat(summary.notSent()).isEqualTo(1);
        assertThat(summary.state().spoken()).isEqualTo("in doubt");
    }

    @Test
    void aTornLastLineIsPassedOverAndAFileThatIsNoJournalIsLeftOutOfTheList() throws Exception {
        Path file = journal("r-4", journal -> journal.planned(List.of("a")));
        Files.writeString(file, "0badc0de {\"step\":\"sent\",\"ev", StandardOpenOption.APPEND);
        Files.writeString(replays.resolve("stray.journal"), "not a journal\n");

        assertThat(ReplaySummary.of(ReplayJournal.read(file), true).state())
                .isEqualTo(ReplaySummary.State.INTERRUPTED);
        assertThat(Replays.listIn(replays)).extracting(ReplaySummary::replayId).containsExactly("r-4");
    }

    @Test
    void thePlanFileSitsBesideTheJournalUnderTheSameName() {
        assertThat(Replays.planFileFor(replays, "r/7")).isEqualTo(
                ReplayJournal.fileFor(replays, "r/7").resolveSibling("r_7.plan.json"));
    }

    private Path journal(String id, java.util.function.Consumer<ReplayJournal> steps) {
        Path file = ReplayJournal.fileFor(replays, id);
        try (ReplayJournal journal = ReplayJournal.open(file, id, CLOCK)) {
            steps.accept(journal);
        }
        return file;
    }
}
