package dev.flowdeck.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FlowGraphTest {

    @Test
    void edgesCountHopsAndTakeNearestRankPercentilesOfTheirLatencies() {
        var learner = new FlowGraph.Learner();
        for (int latency = 1; latency <= 100; latency++) {
            learner.add(chain("orders", 0, "payments", latency));
        }
        learner.add(chain("orders", 0, "orders-dlt", 7));

        FlowGraph graph = learner.graph();

        assertThat(graph.edges()).containsExactly(
                new FlowEdge("orders", "payments", 100, Duration.ofMillis(50), Duration.ofMillis(95)),
                new FlowEdge("orders", "orders-dlt", 1, Duration.ofMillis(7), Duration.ofMillis(7)));
        assertThat(graph.visits()).containsEntry("orders", 101L).containsEntry("payments", 100L);
        assertThat(graph.usualNext("orders")).map(FlowEdge::to).contains("payments");
        assertThat(graph.usualNext("payments")).isEmpty();
    }

    @Test
    void percentilesOfFewValues() {
        assertThat(FlowGraph.percentile(new long[] {5}, 0.95)).isEqualTo(5);
        assertThat(FlowGraph.percentile(new long[] {1, 2}, 0.50)).isEqualTo(1);
        assertThat(FlowGraph.percentile(new long[] {1, 2}, 0.95)).isEqualTo(2);
        assertThat(FlowGraph.percentile(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.95)).isEqualTo(10);
    }

    @Test
    void noUsualNextWhenTheFlowSplitsWithoutAMajority() {
        var learner = new FlowGraph.Learner();
        learner.add(chain("payments", 0, "inventory", 3));
        learner.add(chain("payments", 0, "refunds", 3));
        learner.add(new Chain(List.of(event("payments", 0))));

        assertThat(learner.graph().usualNext("payments")).isEmpty();
    }

    private static Chain chain(String from, long at, String to, long latency) {
        return new Chain(List.of(event(from, at), event(to, at + latency)));
    }

    private static ChainEvent event(String destination, long millis) {
        return new ChainEvent(destination, 0, 0, Instant.EPOCH.plusMillis(millis), Optional.empty(),
                destination.endsWith("-dlt"), Optional.empty());
    }
}
