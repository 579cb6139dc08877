package dev.flowdeck.views.lag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.lag.AlertRules;
import dev.flowdeck.core.lag.ConsumerGroupLag;
import dev.flowdeck.core.lag.GroupStatus;
import dev.flowdeck.core.lag.GroupVerdict;
import dev.flowdeck.core.lag.LagEvaluator;
import dev.flowdeck.core.lag.LagHistoryStore;
import dev.flowdeck.core.lag.LagMonitor;
import dev.flowdeck.core.lag.LagRound;
import dev.flowdeck.core.lag.MemoryAlertLog;
import dev.flowdeck.core.lag.PartitionLag;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FlowMapTest {

    private static final Instant START = Instant.parse("2026-11-27T08:00:00Z");

    /** Six rounds 5 s apart: orders grows 10/s per partition; payments 4/s. */
    private static List<GroupVerdict> verdicts() {
        var monitor = new LagMonitor("sandbox", new LagEvaluator(Duration.ofSeconds(20)), AlertRules::defaults,
                LagHistoryStore.none(), new MemoryAlertLog(10));
        List<GroupVerdict> last = List.of();
        for (int i = 0; i < 6; i++) {
            Instant at = START.plusSeconds(5L * i);
            long orders = 50L * i;
            var payments = new ConsumerGroupLag("payment-service", "Stable", 1, List.of(
                    new PartitionLag("orders", 0, orders, orders), new PartitionLag("orders", 1, orders, orders)));
            var analytics = new ConsumerGroupLag("analytics-loader", "Stable", 1, List.of(
                    new PartitionLag("orders", 0, 5L * i, orders + 1), new PartitionLag("orders", 1, 5L * i, orders + 1)));
            var fraud = new ConsumerGroupLag("fraud-audit", "Stable", 1, List.of(
                    new PartitionLag("payments", 0, 3, 20L * i + 10, Optional.of(START.minusSeconds(60)))));
            last = monitor.record(new LagRound(at, List.of(payments, analytics, fraud))).verdicts();
        }
        return last;
    }

    @Test
    void topicsCarryTheirArrivalRateAndGroupsTheirConsumption() {
        FlowMap map = FlowMap.of(verdicts());
        assertThat(map.topics()).extracting(FlowMap.TopicNode::name).containsExactly("orders", "payments");
        assertThat(map.topics().getFirst().inRate()).isEqualTo(20.0); // 2 partitions × 10/s
        assertThat(map.topics().get(1).inRate()).isEqualTo(4.0);
        FlowMap.GroupNode analytics = map.groups().stream().filter(g -> g.name().equals("analytics-loader"))
                .findFirst().orElseThrow();
        assertThat(analytics.outRate()).isEqualTo(2.0);
        assertThat(analytics.status()).isEqualTo(GroupStatus.WARNING);
    }

    @Test
    void groupsFollowTheTopicsTheyReadAndEachReadIsAnEdgeWithItsLag() {
        FlowMap map = FlowMap.of(verdicts());
        assertThat(map.groups()).extracting(FlowMap.GroupNode::name)
                .containsExactly("analytics-loader", "payment-service", "fraud-audit");
        assertThat(map.edges()).contains(new FlowMap.Edge("orders", "analytics-loader", 2 * (251 - 25),
                GroupStatus.WARNING), new FlowMap.Edge("payments", "fraud-audit", 107, GroupStatus.STALLED));
    }

    @Test
    void theWorstGroupIsTheStalledOneAndTheSentenceSaysWhy() {
        FlowMap map = FlowMap.of(verdicts());
        assertThat(map.worst()).get().extracting(FlowMap.Worst::group).isEqualTo("fraud-audit");
        assertThat(map.worst().get().sentence()).isEqualTo("fraud-audit is stalled: 107 behind, the oldest waiting"
                + " 1 min 25 s. Offsets unchanged for 20 s on payments-0 while lag rose from 27 to 107.");
    }

    @Test
    void aQuietClusterHasNoWorstGroup() {
        var monitor = new LagMonitor("sandbox", new LagEvaluator(Duration.ofSeconds(20)), AlertRules::defaults,
                LagHistoryStore.none(), new MemoryAlertLog(10));
        var idle = new ConsumerGroupLag("payment-service", "Stable", 1, List.of(new PartitionLag("orders", 0, 9, 9)));
        FlowMap map = FlowMap.of(monitor.record(new LagRound(START, List.of(idle))).verdicts());
        assertThat(map.worst()).isEmpty();
        assertThat(FlowMap.of(List.of()).groups()).isEmpty();
    }
}
