package dev.flowdeck.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.lag.ConsumerGroupLag;
import dev.flowdeck.core.lag.LagRound;
import dev.flowdeck.core.lag.PartitionLag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AbandonedHistoriesTest {

    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
    private static final Duration DAY = Duration.ofHours(24);

    @TempDir
    Path root;

    private void writeRound(Path folder) {
        try (var store = FileLagHistoryStore.open(folder, DAY, Clock.fixed(NOW, ZoneOffset.UTC))) {
            store.append(new LagRound(NOW.minusSeconds(60), List.of(new ConsumerGroupLag("g", "Stable", 1,
                    List.of(new PartitionLag("orders", 0, 1, 2))))));
        }
    }

    private static void age(Path folder, Instant when) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.setLastModifiedTime(file, FileTime.from(when));
            }
        }
    }

    @Test
    void aFolderUntouchedForLongerThanTheRetentionGoesAndARecentOneStays() throws Exception {
        Path oldSandbox = root.resolve("sandbox-kafka-old");
        Path recent = root.resolve("prod-eu");
        writeRound(oldSandbox);
        writeRound(recent);
        age(oldSandbox, NOW.minus(Duration.ofHours(25)));

        assertThat(AbandonedHistories.drop(root, DAY, NOW)).containsExactly(oldSandbox);
        assertThat(oldSandbox).doesNotExist();
        assertThat(recent).isDirectory();
    }

    @Test
    void aFolderAStoreHoldsStaysHoweverOld() throws Exception {
        Path held = root.resolve("held");
        writeRound(held);
        try (var store = FileLagHistoryStore.open(held, DAY, Clock.fixed(NOW, ZoneOffset.UTC))) {
            age(held, NOW.minus(Duration.ofDays(3)));
            assertThat(AbandonedHistories.drop(root, DAY, NOW)).isEmpty();
            assertThat(held).isDirectory();
        }
    }

    @Test
    void noHistoriesYetIsNothingToDo() {
        assertThat(AbandonedHistories.drop(root.resolve("missing"), DAY, NOW)).isEmpty();
    }
}
