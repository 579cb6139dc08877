package dev.flowdeck.core.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertTrackerTest {

    private final LagEvaluator evaluator = new LagEvaluator(Duration.ofSeconds(20));

    private List<LagAlert> run(AlertRules rules, GroupScript script) {
        var tracker = new AlertTracker("sandbox", () -> rules);
        List<LagAlert> alerts = new ArrayList<>();
        List<GroupSample> samples = script.samples();
        for (int i = 1; i <= samples.size(); i++) {
            alerts.addAll(tracker.observe(evaluator.evaluate(samples.subList(0, i))));
        }
        return alerts;
    }

    @Test
    void aLagThresholdFiresOncePerCrossingAndClearsBelowNinetyPercent() {
        var rules = AlertRules.defaults().with("analytics-loader",
                new AlertRule(OptionalLong.of(100), Optional.empty(), Set.of()));
        var script = new GroupScript("analytics-loader");
        // lag: 50, 150, 160, 95 (within the hysteresis: still raised), 101, 80 (cleared), 120 (raised again)
        for (long lag : new long[] {50, 150, 160, 95, 101, 80, 120}) {
            script.sample(1_000, 1_000 + lag);
        }
        List<LagAlert> alerts = run(rules, script);
        assertThat(alerts).extracting(LagAlert::raised).containsExactly(true, false, true);
        assertThat(alerts).extracting(LagAlert::kind).containsOnly(AlertKind.LAG);
        assertThat(alerts.get(0).message()).isEqualTo("analytics-loader 150 messages behind (threshold 100)");
        assertThat(alerts.get(1).message()).isEqualTo("analytics-loader lag back to 80 (threshold 100)");
        assertThat(alerts.get(0).cluster()).isEqualTo("sandbox");
        assertThat(alerts.get(0).at()).isEqualTo(GroupScript.START.plus(GroupScript.STEP));
    }

    @Test
    void aStallRaisesOneStatusAlertForAsLongAsItLasts() {
        var script = new GroupScript("fraud-audit");
        for (int i = 0; i < 12; i++) {
            script.sample(10, 20 + i);
        }
        List<LagAlert> alerts = run(AlertRules.defaults(), script);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.getFirst().kind()).isEqualTo(AlertKind.STATUS);
        assertThat(alerts.getFirst().status()).isEqualTo(GroupStatus.STALLED);
        assertThat(alerts.getFirst().message()).startsWith("fraud-audit Stalled: Offsets unchanged for 20 s");
    }

    @Test
    void aTimeThresholdUsesTheOldestWaitingRecord() {
        var rules = new AlertRules(new AlertRule(OptionalLong.empty(), Optional.of(Duration.ofMinutes(1)), Set.of()),
                java.util.Map.of());
        var script = new GroupScript("analytics-loader");
        // time lag in the script is lag in seconds: 30 s, 90 s, 40 s
        script.sample(0, 30).sample(0, 90).sample(60, 100);
        List<LagAlert> alerts = run(rules, script);
        assertThat(alerts).extracting(LagAlert::raised).containsExactly(true, false);
        assertThat(alerts.getFirst().message()).isEqualTo("analytics-loader 1 min 30 s behind (threshold 1 min)");
    }

    @Test
    void aGroupThatLeavesAndReturnsAlertsAfresh() {
        var rules = AlertRules.defaults().with("g", new AlertRule(OptionalLong.of(10), Optional.empty(), Set.of()));
        var tracker = new AlertTracker("sandbox", () -> rules);
        var over = new GroupScript("g").sample(0, 50).samples();
        assertThat(tracker.observe(evaluator.evaluate(over))).hasSize(1);
        assertThat(tracker.observe(evaluator.evaluate(over))).isEmpty();
        tracker.forgetGroupsExcept(Set.of());
        assertThat(tracker.isActive("g", AlertKind.LAG)).isFalse();
        assertThat(tracker.observe(evaluator.evaluate(over))).hasSize(1);
    }
}
