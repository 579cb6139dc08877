package dev.flowdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdeck.core.trace.FlowEdge;
import dev.flowdeck.core.trace.FlowGraph;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowReportTest {

    private static final FlowGraph GRAPH = new FlowGraph(List.of(
            new FlowEdge("orders", "payments", 12_400, Duration.ofMillis(40), Duration.ofMillis(180)),
            new FlowEdge("payments", "payments.DLT", 3, Duration.ofMillis(1_500), Duration.ofSeconds(2))),
            Map.of("orders", 12_400L, "payments", 12_400L, "payments.DLT", 3L));

    @Test
    void tableHasAnEdgePerLineMostTakenFirst() {
        assertThat(new FlowReport(GRAPH).table().lines().toList()).containsExactly(
                "FROM      TO              HOPS    P50     P95",
                "orders    payments      12,400  40 ms  180 ms",
                "payments  payments.DLT       3  1.5 s   2.0 s");
    }

    @Test
    void jsonHasEdgesWithMillisecondsAndVisits() throws Exception {
        JsonNode json = new ObjectMapper().readTree(new FlowReport(GRAPH).json());

        assertThat(json.get("edges")).hasSize(2);
        JsonNode first = json.get("edges").get(0);
        assertThat(first.get("from").asText()).isEqualTo("orders");
        assertThat(first.get("to").asText()).isEqualTo("payments");
        assertThat(first.get("count").asLong()).isEqualTo(12_400);
        assertThat(first.get("p50Ms").asLong()).isEqualTo(40);
        assertThat(first.get("p95Ms").asLong()).isEqualTo(180);
        assertThat(json.get("visits").get("payments.DLT").asLong()).isEqualTo(3);
    }
}
