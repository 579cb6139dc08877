package dev.flowdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdeck.core.lag.AlertLog;
import dev.flowdeck.core.lag.AlertRules;
import dev.flowdeck.core.lag.ConsumerGroupLag;
import dev.flowdeck.core.lag.LagAlert;
import dev.flowdeck.core.lag.LagEvaluator;
import dev.flowdeck.core.lag.LagHistoryStore;
import dev.flowdeck.core.lag.LagMonitor;
import dev.flowdeck.core.lag.LagRound;
import dev.flowdeck.core.lag.MonitorUpdate;
import dev.flowdeck.core.lag.PartitionLag;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The two forms a sample is written in, from verdicts the real {@link LagMonitor} reached on rounds whose every
 * number is known: a stopped group, a stalled one, and one caught up whose window is not yet full.
 */
class LagReportTest {

    private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Three rounds a minute apart, judged over a 2-minute window: the last one's verdicts. */
    private static MonitorUpdate threeMinutes() {
        var monitor = new LagMonitor("prod-eu", new LagEvaluator(Duration.ofMinutes(2)), AlertRules::defaults,
                LagHistoryStore.none(), new KeptAlerts());
        MonitorUpdate last = null;
        for (int minute = 0; minute <= 2; minute++) {
            Instant at = T0.plus(Duration.ofMinutes(minute));
            last = monitor.record(new LagRound(at, List.of(
                    // nobody consumes; orders-0's oldest waiting record was written 45 s before the last round
                    new ConsumerGroupLag("orders-app", "Empty", 0, List.of(
                            new PartitionLag("orders", 0, 4, 10, Optional.of(T0.plusSeconds(75))),
                            new PartitionLag("orders", 1, 6, 6))),
                    // two members, offsets standing still at 5 while 2 records a minute arrive
                    new ConsumerGroupLag("billing", "Stable", 2, List.of(
                            new PartitionLag("billing", 0, 5, 10 + 2L * minute))))));
        }
        return last;
    }

    /** One round: every window still filling. */
    private static MonitorUpdate firstSample() {
        var monitor = new LagMonitor("prod-eu", new LagEvaluator(Duration.ofMinutes(2)), AlertRules::defaults,
                LagHistoryStore.none(), new KeptAlerts());
        return monitor.record(new LagRound(T0, List.of(new ConsumerGroupLag("audit-trail", "Stable", 1, List.of(
                new PartitionLag("audit", 0, 40, 40), new PartitionLag("audit", 1, -1, 3))))));
    }

    @Test
    void theTableGivesEachGroupARowAndTheSentenceThatExplainsIt() {
        String table = write(out -> new LagTable(out, "prod-eu", false, false), threeMinutes());

        assertThat(table.lines()).containsExactly(
                "Consumer lag on prod-eu at 2026-05-01T12:02:00Z",
                "GROUP       STATUS   LAG  TIME LAG  TREND    CATCH-UP  MEMBERS  STATE",
                "orders-app  Stopped    6      45 s  stalled         -        0  Empty",
                "  No consumers while 6 messages wait (the oldest for 45 s)",
                "billing     Stalled    9   unknown  stalled         -        2  Stable",
                "  Offsets unchanged for 2 min on billing-0 while lag rose from 5 to 9");
    }

    @Test
    void partitionsGoUnderTheirGroupAndAWatchNumbersItsSamples() {
        String table = write(out -> new LagTable(out, "prod-eu", true, true), threeMinutes(), firstSample());

        assertThat(table.lines()).containsExactly(
                "Consumer lag on prod-eu at 2026-05-01T12:02:00Z (sample 1)",
                "GROUP       STATUS   LAG  TIME LAG  TREND    CATCH-UP  MEMBERS  STATE",
                "orders-app  Stopped    6      45 s  stalled         -        0  Empty",
                "  No consumers while 6 messages wait (the oldest for 45 s)",
                "    PARTITION  COMMITTED  END  LAG  TIME LAG  TREND    CATCH-UP",
                "    orders-0           4   10    6      45 s  stalled         -",
                "    orders-1           6    6    0       0 s  steady        0 s",
                "billing     Stalled    9   unknown  stalled         -        2  Stable",
                "  Offsets unchanged for 2 min on billing-0 while lag rose from 5 to 9",
                "    PARTITION  COMMITTED  END  LAG  TIME LAG  TREND    CATCH-UP",
                "    billing-0          5   14    9   unknown  stalled         -",
                "",
                "Consumer lag on prod-eu at 2026-05-01T12:00:00Z (sample 2)",
                "GROUP        STATUS  LAG  TIME LAG  TREND   CATCH-UP  MEMBERS  STATE",
                "audit-trail  OK        3   unknown  steady         -        1  Stable",
                "  Keeping up with 3 in flight (watching: 1 sample over 0 s of a 2 min window)",
                "    PARTITION  COMMITTED  END  LAG  TIME LAG  TREND   CATCH-UP",
                "    audit-0           40   40    0       0 s  steady       0 s",
                "    audit-1         none    3    3   unknown  steady         -");
    }

    @Test
    void aSampleWithoutGroupsSaysSo() {
        var monitor = new LagMonitor("local", new LagEvaluator(Duration.ofMinutes(2)), AlertRules::defaults,
                LagHistoryStore.none(), new KeptAlerts());
        MonitorUpdate empty = monitor.record(new LagRound(T0, List.of()));

        assertThat(write(out -> new LagTable(out, "local", false, false), empty).lines())
                .containsExactly("Consumer lag on local at 2026-05-01T12:00:00Z", "No consumer groups.");
        assertThat(write(out -> new LagJsonLines(out, "local"), empty)).isEmpty();
    }

    @Test
    void jsonIsOneObjectPerGroupPerSampleWithNullForWhatIsNotKnown() throws Exception {
        List<JsonNode> lines = jsonLines(write(out -> new LagJsonLines(out, "prod-eu"), threeMinutes(),
                firstSample()));

        assertThat(lines).extracting(line -> line.get("group").asText())
                .containsExactly("orders-app", "billing", "audit-trail");
        assertThat(lines).allSatisfy(line -> assertThat(line.get("cluster").asText()).isEqualTo("prod-eu"));

        JsonNode stopped = lines.get(0);
        assertThat(stopped.get("at").asText()).isEqualTo("2026-05-01T12:02:00Z");
        assertThat(stopped.get("status").asText()).isEqualTo("STOPPED");
        assertThat(stopped.get("explanation").asText())
                .isEqualTo("No consumers while 6 messages wait (the oldest for 45 s)");
        assertThat(stopped.get("lag").asLong()).isEqualTo(6);
        assertThat(stopped.get("timeLagMs").asLong()).isEqualTo(45_000);
        assertThat(stopped.get("trend").asText()).isEqualTo("STALLED");
        assertThat(stopped.get("catchUpMs").isNull()).as("not catching up").isTrue();
        assertThat(stopped.get("members").asInt()).isZero();
        assertThat(stopped.get("state").asText()).isEqualTo("Empty");
        assertThat(stopped.get("partitions").toString()).isEqualTo("[{\"topic\":\"orders\",\"partition\":0,"
                + "\"committed\":4,\"end\":10,\"lag\":6,\"timeLagMs\":45000,\"trend\":\"STALLED\",\"catchUpMs\":null,"
                + "\"consumedPerSecond\":0.0,\"producedPerSecond\":0.0},{\"topic\":\"orders\",\"partition\":1,"
                + "\"committed\":6,\"end\":6,\"lag\":0,\"timeLagMs\":0,\"trend\":\"STEADY\",\"catchUpMs\":0,"
                + "\"consumedPerSecond\":0.0,\"producedPerSecond\":0.0}]");

        JsonNode stalled = lines.get(1);
        assertThat(stalled.get("status").asText()).isEqualTo("STALLED");
        assertThat(stalled.get("timeLagMs").isNull()).as("no age was read: unknown, not 0").isTrue();
        assertThat(stalled.get("partitions").get(0).get("producedPerSecond").asDouble()).isEqualTo(0.033);

        JsonNode watching = lines.get(2);
        assertThat(watching.get("at").asText()).isEqualTo("2026-05-01T12:00:00Z");
        assertThat(watching.get("explanation").asText()).endsWith("(watching: 1 sample over 0 s of a 2 min window)");
        JsonNode neverCommitted = watching.get("partitions").get(1);
        assertThat(neverCommitted.get("committed").isNull()).isTrue();
        assertThat(neverCommitted.get("lag").asLong()).as("a partition without a commit is all behind").isEqualTo(3);
    }

    private static List<JsonNode> jsonLines(String text) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.lines().toList()) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static String write(Function<PrintStream, LagReport> report, MonitorUpdate... samples) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            LagReport writer = report.apply(out);
            for (MonitorUpdate sample : samples) {
                writer.write(sample);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** An alert log that keeps what it is given. */
    private static final class KeptAlerts implements AlertLog {
        private final List<LagAlert> alerts = new ArrayList<>();

        @Override
        public void append(LagAlert alert) {
            alerts.add(alert);
        }

        @Override
        public List<LagAlert> recent(int limit) {
            return alerts.subList(Math.max(0, alerts.size() - limit), alerts.size());
        }
    }
}
