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
    void keysAndReasonsWithQuotesBackslashesAndControlCharactersSurviveTheLine() {
        Path file = dir.resolve("r.journal");
        String key = "q/\"odd\" \\ key\u0001é";
        String reason = "Refused: \"no\"\tand\r\nmore";
        try (ReplayJournal journal = ReplayJournal.open(file, "r", time)) {
            journal.planned(List.of(key, "b"));
            journal.write(journal.batch().failed(key, reason).confirmed("b", new PublishReceipt("a\"b", 1, 2)));
        }
        try (ReplayJournal journal = ReplayJournal.open(file, "r", time)) {
            assertThat(journal.state().of(key).orElseThrow())
                    .isEqualTo(new JournalState.Standing(JournalState.Step.FAILED, reason));
            assertThat(journal.state().delivered()).containsExactly("b");
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
    void aBatchIsOneWriteAndATornTailInsideItIsCutKeepingItsEarlierLines() throws Exception {
        Path file = dir.resolve("r.journal");
        List<Integer> writes = new java.util.ArrayList<>();
        try (ReplayJournal journal = ReplayJournal.open(file, "r", time)) {
            journal.failWritesWith((channel, at, bytes) -> writes.add(ReplayRunnerTest.lines(bytes)));
            journal.planned(List.of("a", "b", "c", "d"));
            ReplayJournal.Batch batch = journal.batch().sent("a").sent("b").confirmed("a",
                    new PublishReceipt("orders", 0, 1));
            assertThat(journal.state().outcomeUnknown()).as("filling a batch writes nothing").isEmpty();
            journal.write(batch);
            assertThat(batch.isEmpty()).isTrue();
            assertThat(journal.state().delivered()).containsExactly("a");
            assertThat(journal.state().outcomeUnknown()).containsExactly("b");
        }
        assertThat(writes).containsExactly(4, 3);
        long before = Files.size(file);

        // Killed in the middle of the next batch: its first two lines reached the disk, the third only in part.
        try (ReplayJournal journal = ReplayJournal.open(file, "r", time)) {
            journal.failWritesWith((channel, at, bytes) -> {
                String text = StandardCharsets.UTF_8.decode(bytes.duplicate()).toString();
                int cut = text.indexOf('\n', text.indexOf('\n') + 1) + 1 + 20;
                channel.write(bytes.slice(0, cut), at);
                throw new IllegalStateException("killed in the middle of the write");
            });
            assertThatThrownBy(() -> journal.write(journal.batch().confirmed("b", null).sent("c").sent("d")))
                    .hasMessage("killed in the middle of the write");
        }
        try (ReplayJournal journal = ReplayJournal.open(file, "r", time)) {
            assertThat(journal.state().delivered()).containsExactly("a", "b");
            assertThat(journal.state().outcomeUnknown()).containsExactly("c");
            assertThat(journal.state().remaining()).containsExactly("d");
            List<String> lines = Files.readAllLines(file);
            assertThat(Files.size(file)).isGreaterThan(before);
            assertThat(Files.readString(file)).endsWith("\n");
            assertThat(lines).hasSize(1 + 4 + 3 + 2);
            journal.write(journal.batch().sent("d"));
        }
        try (ReplayJournal journal = ReplayJournal.open(file, "r", time)) {
            assertThat(journal.state().outcomeUnknown()).containsExactly("c", "d");
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
