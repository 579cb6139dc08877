package dev.flowdeck.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.publish.PublishReceipt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalHistoryTest {

    @TempDir
    Path replays;

    @Test
    void anEventConfirmedOrRemovedByAnotherReplayWasDeliveredByIt() {
        try (var first = ReplayJournal.open(ReplayJournal.fileFor(replays, "r1"), "r1", Clock.systemUTC());
             var second = ReplayJournal.open(ReplayJournal.fileFor(replays, "r2"), "r2", Clock.systemUTC())) {
            first.planned(List.of("orders-dlt/0@1", "orders-dlt/0@2", "orders-dlt/0@3"));
            first.sent("orders-dlt/0@1");
            first.confirmed("orders-dlt/0@1", new PublishReceipt("orders", 0, 7));
            first.sent("orders-dlt/0@2"); // outcome unknown: not a delivery
            second.planned(List.of("orders-dlt/0@3"));
            second.sent("orders-dlt/0@3");
            second.confirmed("orders-dlt/0@3", null);
            second.removed("orders-dlt/0@3");
        }

        JournalHistory history = JournalHistory.read(replays);

        assertThat(history.deliveredBy("orders-dlt/0@1", "r9")).contains("r1");
        assertThat(history.deliveredBy("orders-dlt/0@1", "r1")).isEmpty(); // a replay does not refuse itself
        assertThat(history.deliveredBy("orders-dlt/0@2", "r9")).isEmpty();
        assertThat(history.deliveredBy("orders-dlt/0@3", "r9")).contains("r2");
    }

    @Test
    void aTornLastLineIsPassedOverAndTheRestStillCounts() throws Exception {
        Path file = ReplayJournal.fileFor(replays, "r1");
        try (var journal = ReplayJournal.open(file, "r1", Clock.systemUTC())) {
            journal.planned(List.of("q/message-id=a"));
            journal.confirmed("q/message-id=a", null);
        }
        Files.writeString(file, "0000abcd {\"step\":\"confirmed\",\"event\":\"q/mess", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        Files.writeString(replays.resolve("notes.txt"), "not a journal", StandardCharsets.UTF_8);

        JournalHistory history = JournalHistory.read(replays);

        assertThat(history.deliveredBy("q/message-id=a", "other")).contains("r1");
        assertThat(JournalHistory.read(replays.resolve("missing")).deliveredBy("q/message-id=a", "x")).isEmpty();
    }
}
