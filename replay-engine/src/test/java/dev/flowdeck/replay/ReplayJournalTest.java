package dev.flowdeck.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowdeck.core.publish.PublishReceipt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayJournalTest {

    @TempDir
    Path dir;

    private final VirtualTime time = new VirtualTime(Instant.parse("2025-03-01T12:00:00Z"));

    @Test
    void theStateIsRebuiltOnOpenAndAConfirmIsNotUndoneByALateFailure() {
        Path file = ReplayJournal.fileFor(dir, "r/1");
        assertThat(file.getFileName().toString()).isEqualTo("r_1.journal");
        try (ReplayJournal journal = ReplayJournal.open(file, "r/1", time)) {
            journal.planned(List.of("a", "b", "c", "d", "e"));
            journal.sent("a");
            journal.confirmed("a", new PublishReceipt("orders", 3, 9));
            journal.removed("a");
            journal.sent("b");
            journal.sent("c");
            journal.failed("c", "The broker did not answer\nin time.");
            journal.sent("d");
            journal.confirmed("d", null);
            journal.failed("d", "late");
            journal.skipped("e", "quarantined");
        }
        try (ReplayJournal reopened = ReplayJournal.open(file, "r/1", time)) {
            JournalState state = reopened.state();
            assertThat(state.delivered()).containsExactly("a", "d");
            assertThat(state.outcomeUnknown()).containsExactly("b", "c");
            assertThat(state.remaining()).isEmpty();
            assertThat(state.of("c").orElseThrow().reason()).isEqualTo("The broker did not answer\nin time.");
            assertThat(state.of("e").orElseThrow().step()).isEqualTo(JournalState.Step.SKIPPED);
            reopened.planned(List.of("a", "f"));
            assertThat(reopened.state().of("a").orElseThrow().step()).isEqualTo(JournalState.Step.REMOVED);
            assertThat(reopened.state().remaining()).containsExactly("f");
        }
    }

    @Test
    void aTornLastLineIsCutOffAndTheNextAppendFollowsTheLastWholeOne() throws Exception {
        Path file = dir.resolve("r.journal");
        try (ReplayJournal journal = ReplayJournal.open(file, "r", time)) {
            journal.planned(List.of("a"));
        }
        long whole = Files.size(file);
        Files.write(file, "1234abcd {\"step\":\"sent\",\"eve".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);

        try (ReplayJournal journal = ReplayJournal.open(file, "r", time)) {
            assertThat(Files.size(file)).isEqualTo(whole);
            assertThat(journal.state().remaining()).containsExactly("a");
            journal.sent("a");
        }
        try (ReplayJournal journal = ReplayJournal.open(file, "r", time)) {
            assertThat(journal.state().outcomeUnknown()).containsExactly("a");
        }
    }

    @Test
    void damageBeforeTheLastLineOrAnotherReplaysJournalIsRefused() throws Exception {
        Path file = dir.resolve("r.journal");
        try (ReplayJournal journal = ReplayJournal.open(file, "r", time)) {
            journal.planned(List.of("a"));
            journal.sent("a");
        }
        assertThatThrownBy(() -> ReplayJournal.open(file, "other", time))
                .hasMessageContaining("belongs to replay r, not other");

        List<String> lines = Files.readAllLines(file);
        Files.write(file, List.of(lines.get(0), lines.get(1).replace("planned", "plannex"), lines.get(2)));
        assertThatThrownBy(() -> ReplayJournal.open(file, "r", time))
                .isInstanceOf(ReplayJournal.JournalException.class)
                .hasMessageContaining("damaged at byte").hasMessageContaining("before its end");
    }
}
