package dev.flowdeck.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.lag.AlertKind;
import dev.flowdeck.core.lag.GroupStatus;
import dev.flowdeck.core.lag.LagAlert;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAlertLogTest {

    private static final Instant T0 = Instant.parse("2026-11-27T03:12:45.5Z");

    @TempDir
    Path folder;

    @Test
    void recentGivesTheNewestAlertsOldestFirstWithEveryField() {
        var log = FileAlertLog.in(folder);
        List<LagAlert> alerts = IntStream.range(0, 5).mapToObj(FileAlertLogTest::alert).toList();
        alerts.forEach(log::append);

        assertThat(log.recent(3)).containsExactlyElementsOf(alerts.subList(2, 5));
        assertThat(FileAlertLog.in(folder).recent(100)).as("another instance, as after a restart")
                .containsExactlyElementsOf(alerts);
        assertThat(folder.resolve(FileAlertLog.FILE_NAME)).content(StandardCharsets.UTF_8)
                .startsWith("{\"at\":\"2026-11-27T03:12:45.500Z\",\"cluster\":\"prod-eu\",\"group\":\"billing-0\","
                        + "\"kind\":\"LAG\",\"raised\":true,\"status\":\"OK\",\"message\":");
    }

    @Test
    void aNewLogHasNoAlerts() {
        assertThat(FileAlertLog.in(folder).recent(10)).isEmpty();
    }

    @Test
    void theLogRotatesAtItsBoundAndRecentReadsAcrossBothFiles() throws IOException {
        var log = new FileAlertLog(folder, 2_000);
        List<LagAlert> alerts = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            alerts.add(alert(i));
            log.append(alerts.getLast());
            assertThat(Files.size(folder.resolve(FileAlertLog.FILE_NAME))).isLessThanOrEqualTo(2_000);
        }

        assertThat(Files.size(folder.resolve(FileAlertLog.PREVIOUS_FILE_NAME))).isLessThanOrEqualTo(2_000);
        int kept = log.recent(1_000).size();
        assertThat(kept).isBetween(10, 40);
        assertThat(log.recent(1_000)).containsExactlyElementsOf(alerts.subList(60 - kept, 60));
        int inCurrent = Files.readAllLines(folder.resolve(FileAlertLog.FILE_NAME)).size();
        assertThat(log.recent(inCurrent + 2)).as("the two newest of the previous file, then the current one")
                .containsExactlyElementsOf(alerts.subList(60 - inCurrent - 2, 60));
    }

    @Test
    void aLineTornByACrashIsSkippedAndTheNextAlertStartsALineOfItsOwn() throws IOException {
        var log = FileAlertLog.in(folder);
        log.append(alert(1));
        Files.writeString(folder.resolve(FileAlertLog.FILE_NAME), "{\"at\":\"2026-11-27T0", StandardOpenOption.APPEND);

        assertThat(log.recent(5)).containsExactly(alert(1));
        log.append(alert(2));
        assertThat(log.recent(5)).containsExactly(alert(1), alert(2));
        assertThat(log.recent(1)).containsExactly(alert(2));
    }

    private static LagAlert alert(int i) {
        return new LagAlert(T0.plusSeconds(i), "prod-eu", "billing-" + i, i % 3 == 0 ? AlertKind.LAG : AlertKind.STATUS,
                i % 2 == 0, GroupStatus.values()[i % GroupStatus.values().length],
                "billing-" + i + " 12,400 messages behind (threshold 10,000) \"quoted\" ünïcode");
    }
}
