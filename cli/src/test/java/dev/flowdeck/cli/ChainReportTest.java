package dev.flowdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdeck.core.trace.Chain;
import dev.flowdeck.core.trace.ChainEvent;
import dev.flowdeck.core.trace.DeadLetterReason;
import dev.flowdeck.core.trace.StopPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChainReportTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final Instant T0 = Instant.parse("2026-05-01T09:30:00Z");

    private static final Chain DEAD_LETTERED = new Chain(List.of(
            event("orders", 2, 41, T0, false, Optional.empty()),
            event("payments", 0, 7, T0.plusMillis(120), false, Optional.empty()),
            event("payments.DLT", 0, 3, T0.plusMillis(1_620), true, Optional.of(new DeadLetterReason(
                    "org.springframework.kafka.listener.ListenerExecutionFailedException",
                    "java.lang.IllegalStateException")))));

    @Test
    void tableListsEveryEventWithItsHopAndReasonThenWhereItStopped() {
        var stop = new StopPoint("payments", "shipping", 0.9, T0.plusMillis(120), true, Duration.ofMinutes(5));

        List<String> lines = new ChainReport(TRACE, DEAD_LETTERED, Optional.of(stop)).table().lines().toList();

        assertThat(lines).containsExactly(
                "Chain of trace " + TRACE + ": 3 events in 3 destinations, 1.6 s from first to last",
                "",
                "TIME                      DESTINATION   PARTITION  OFFSET     HOP  DEAD-LETTER REASON",
                "2026-05-01T09:30:00Z      orders                2      41       -",
                "2026-05-01T09:30:00.120Z  payments              0       7  120 ms",
                "2026-05-01T09:30:01.620Z  payments.DLT          0       3   1.5 s  java.lang.IllegalStateException "
                        + "(in org.springframework.kafka.listener.ListenerExecutionFailedException)",
                "",
                "Stopped at payments: 90% of chains there go on to shipping; last seen 2026-05-01T09:30:00.120Z, "
                        + "5 min before the newest event indexed (overdue: longer than that hop's p95).");
    }

    @Test
    void aChainThatFollowedTheFlowEndsWhereMostEnd() {
        var chain = new Chain(List.of(event("orders", 0, 1, T0, false, Optional.empty()),
                event("shipping", 0, 1, T0.plusSeconds(2), false, Optional.empty())));

        assertThat(new ChainReport("ord-1", chain, Optional.empty()).stopSentence())
                .isEqualTo("Ended in shipping, where most chains end.");
    }

    @Test
    void jsonHasEveryEventWithHopMillisAndTheStop() throws Exception {
        var stop = new StopPoint("payments", "shipping", 0.9, T0.plusMillis(120), false, Duration.ofMillis(300));

        JsonNode json = new ObjectMapper().readTree(new ChainReport("ord-41", DEAD_LETTERED, Optional.of(stop)).json());

        assertThat(json.get("query").asText()).isEqualTo("ord-41");
        assertThat(json.get("traceId").asText()).isEqualTo(TRACE);
        assertThat(json.get("spanMs").asLong()).isEqualTo(1_620);
        assertThat(json.get("events")).hasSize(3);
        JsonNode first = json.get("events").get(0);
        assertThat(first.get("hopMs").isNull()).as("no hop before the first event").isTrue();
        assertThat(first.get("destination").asText()).isEqualTo("orders");
        assertThat(first.get("partition").asInt()).isEqualTo(2);
        assertThat(first.get("offset").asLong()).isEqualTo(41);
        assertThat(first.get("reason").isNull()).isTrue();
        JsonNode dead = json.get("events").get(2);
        assertThat(dead.get("hopMs").asLong()).isEqualTo(1_500);
        assertThat(dead.get("deadLetter").asBoolean()).isTrue();
        assertThat(dead.get("reason").get("cause").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(json.get("stop").get("stoppedAt").asText()).isEqualTo("payments");
        assertThat(json.get("stop").get("expectedNext").asText()).isEqualTo("shipping");
        assertThat(json.get("stop").get("overdue").asBoolean()).isFalse();
        assertThat(json.get("stop").get("waitedMs").asLong()).isEqualTo(300);
    }

    @Test
    void latencyIsSaidInMillisecondsUnderASecond() {
        assertThat(Latency.text(Duration.ZERO)).isEqualTo("0 ms");
        assertThat(Latency.text(Duration.ofMillis(999))).isEqualTo("999 ms");
        assertThat(Latency.text(Duration.ofMillis(1_250))).isEqualTo("1.3 s");
        assertThat(Latency.text(Duration.ofSeconds(90))).isEqualTo("1 min 30 s");
    }

    private static ChainEvent event(String destination, int partition, long offset, Instant at, boolean deadLetter,
                                    Optional<DeadLetterReason> reason) {
        return new ChainEvent(destination, partition, offset, at, Optional.of(TRACE), deadLetter, reason);
    }
}
