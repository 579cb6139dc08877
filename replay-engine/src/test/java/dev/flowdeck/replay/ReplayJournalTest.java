package dev.flowdeck.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowdeck.core.fuzz.Fuzz;
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
    void aLargePlanIsWrittenInPiecesAndAKillBetweenThemLeavesAPrefixOfPlannedEvents() throws Exception {
        Path file = dir.resolve("r.journal");
        List<String> keys = java.util.stream.IntStream.range(0, 20_000)
                .mapToObj(i -> "orders.DLT/" + (i % 6) + "@" + i).toList();
        List<Integer> writes = new java.util.ArrayList<>();
        try (ReplayJournal journal = ReplayJournal.open(file, "r", time)) {
            journal.failWritesWith((channel, at, bytes) -> {
                writes.add(ReplayRunnerTest.lines(bytes));
                if (writes.size() == 2) {
                    throw new IllegalStateException("killed between two pieces of the plan");
                }
            });
            assertThatThrownBy(() -> journal.planned(keys)).hasMessage("killed between two pieces of the plan");
            assertThat(journal.state().remaining()).as("nothing applied before the force").isEmpty();
        }
        try (ReplayJournal journal = ReplayJournal.open(file, "r", time)) {
            List<String> planned = journal.state().remaining();
            assertThat(planned).hasSize(writes.getFirst()).isEqualTo(keys.subList(0, writes.getFirst()));
            journal.planned(keys);
            assertThat(journal.state().remaining()).isEqualTo(keys);
        }
        try (ReplayJournal journal = ReplayJournal.open(file, "r", time)) {
            assertThat(journal.state().remaining()).isEqualTo(keys);
        }
    }

    /**
     * The lines are encoded straight into bytes; this pins them to what the journal wrote when it built each line
     * as a string with Jackson's quoting and encoded it as UTF-8: any string, the same bytes on the disk.
     */
    @Test
    void anyKeyOrReasonIsWrittenAsJacksonQuotesItInUtf8() {
        Fuzz.check(200, fuzz -> {
            String key = fuzz.input("key", fuzz.string(30));
            String reason = fuzz.input("reason", fuzz.string(30));
            String destination = fuzz.input("destination", fuzz.string(10));
            Path file = dir.resolve("fuzz.journal");
            try {
                Files.deleteIfExists(file);
                try (ReplayJournal journal = ReplayJournal.open(file, "r", time)) {
                    journal.write(journal.batch().failed(key, reason)
                            .confirmed(key, new PublishReceipt(destination, 2, 1042)));
                }
                String at = "\"at\":\"" + time.instant() + "\"";
                String failed = "{\"step\":\"failed\"," + at + ",\"event\":\"" + quoted(key) + "\",\"reason\":\""
                        + quoted(reason) + "\"}";
                String confirmed = "{\"step\":\"confirmed\"," + at + ",\"event\":\"" + quoted(key)
                        + "\",\"destination\":\"" + quoted(destination) + "\",\"partition\":2,\"offset\":1042}";
                byte[] expected = (withCrc(failed) + withCrc(confirmed)).getBytes(StandardCharsets.UTF_8);
                byte[] all = Files.readAllBytes(file);
                byte[] written = java.util.Arrays.copyOfRange(all, all.length - expected.length, all.length);
                assertThat(written).isEqualTo(expected);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static String quoted(String text) {
        return new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(text));
    }

    private static String withCrc(String json) {
        var crc = new java.util.zip.CRC32();
        crc.update(json.getBytes(StandardCharsets.UTF_8));
        return java.util.HexFormat.of().toHexDigits((int) crc.getValue()) + " " + json + "\n";
    }

    @Test
    void keysOutsidePrintableAsciiAndReceiptsRoundTripThroughTheLineAsJacksonReadsThem() throws Exception {
        Path file = dir.resolve("r.journal");
        // A surrogate pair after plain text, DEL, a line separator, and non-ASCII first.
        String emoji = "orders.DLT/0@1 \uD83D\uDE00 tail";
        String odd = "\u007f\u2028é/1";
        try (ReplayJournal journal = ReplayJournal.open(file, "r\u00e9", time)) {
            journal.planned(List.of(emoji, odd, "plain"));
            journal.write(journal.batch().sent(emoji).confirmed(emoji, new PublishReceipt("tópic", 3, -1))
                    .confirmed(odd, new PublishReceipt("t", 0, Long.MAX_VALUE)).confirmed("plain", null));
        }
        List<com.fasterxml.jackson.databind.JsonNode> lines = ReplayJournal.readIntact(file);
        assertThat(lines).hasSize(8);
        assertThat(lines.getFirst().path("replay").asText()).isEqualTo("r\u00e9");
        assertThat(lines.get(5).path("event").asText()).isEqualTo(emoji);
        assertThat(lines.get(5).path("destination").asText()).isEqualTo("tópic");
        assertThat(lines.get(5).path("partition").asInt()).isEqualTo(3);
        assertThat(lines.get(5).path("offset").asLong()).isEqualTo(-1);
        assertThat(lines.get(6).path("event").asText()).isEqualTo(odd);
        assertThat(lines.get(6).path("offset").asLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(lines.get(7).path("foundByReadBack").asBoolean()).isTrue();
        try (ReplayJournal journal = ReplayJournal.open(file, "r\u00e9", time)) {
            assertThat(journal.state().delivered()).containsExactly(emoji, odd, "plain");
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
