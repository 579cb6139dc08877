package dev.flowdeck.views.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.trace.FlowEdge;
import dev.flowdeck.core.trace.FlowGraph;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowLayoutTest {

    private static FlowEdge edge(String from, String to, long count) {
        return new FlowEdge(from, to, count, Duration.ofMillis(10), Duration.ofMillis(20));
    }

    @Test
    void eachDestinationSitsOneColumnRightOfTheFurthestOneFeedingIt() {
        var graph = new FlowGraph(List.of(edge("orders", "payments", 5), edge("payments", "shipping", 3),
                edge("orders", "shipping", 1), edge("payments", "payments-dlt", 1)),
                Map.of("orders", 5L, "payments", 5L, "shipping", 4L, "payments-dlt", 1L));

        assertThat(FlowLayout.of(graph).columns()).containsExactly(List.of("orders"), List.of("payments"),
                List.of("shipping", "payments-dlt"));
    }

    @Test
    void aRetryLoopDoesNotPushColumnsOnForever() {
        var graph = new FlowGraph(List.of(edge("orders", "retry", 2), edge("retry", "orders", 2)),
                Map.of("orders", 4L, "retry", 2L));

        assertThat(FlowLayout.of(graph).columns().stream().mapToInt(List::size).sum()).isEqualTo(2);
    }
}
