package dev.flowdeck.views.lag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.lag.AlertRule;
import dev.flowdeck.core.lag.AlertRules;
import dev.flowdeck.core.lag.ConsumerGroupLag;
import dev.flowdeck.core.lag.GroupSample;
import dev.flowdeck.core.lag.GroupStatus;
import dev.flowdeck.core.lag.GroupVerdict;
import dev.flowdeck.core.lag.LagAlert;
import dev.flowdeck.core.lag.LagEvaluator;
import dev.flowdeck.core.lag.LagHistoryStore;
import dev.flowdeck.core.lag.LagMonitor;
import dev.flowdeck.core.lag.LagRound;
import dev.flowdeck.core.lag.MemoryAlertLog;
import dev.flowdeck.core.lag.MonitorUpdate;
import dev.flowdeck.core.lag.PartitionLag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class LagViewModelTest {

    private static final Instant START = Instant.parse("2026-11-27T08:00:00Z");

    /** A store holding what the test gives it, and counting reads. */
    private static final class ListStore implements LagHistoryStore {
        final List<LagRound> rounds = new ArrayList<>();
        int reads;

        @Override
        public void append(LagRound round) {
            rounds.add(round);
        }

        @Override
        public List<LagRound> rounds(Instant from, Instant to) {
            return rounds.stream().filter(r -> !r.at().isBefore(from) && r.at().isBefore(to)).toList();
        }

        @Override
        public List<GroupSample> samples(String group, Instant from, Instant to) {
            reads++;
            return rounds(from, to).stream().flatMap(round -> round.groups().stream()
                    .filter(g -> g.group().equals(group)).map(g -> new GroupSample(round.at(), g))).toList();
        }

        @Override
        public void close() {
        }
    }

    /** Runs a task when the test says so: a history load that takes its time. */
    private static final class HeldExecutor implements Executor {
        final List<Runnable> held = new ArrayList<>();

        @Override
        public void execute(Runnable task) {
            held.add(task);
        }

        void release() {
            List<Runnable> tasks = List.copyOf(held);
            held.clear();
            tasks.forEach(Runnable::run);
        }
    }

    private final ListStore store = new ListStore();
    private Instant now = START;
    private final LagViewModel model = new LagViewModel(Runnable::run, new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });
    private final LagMonitor monitor = new LagMonitor("sandbox", new LagEvaluator(Duration.ofSeconds(20)),
            () -> AlertRules.defaults().with("analytics-loader",
                    new AlertRule(OptionalLong.of(100), Optional.empty(), Set.of())), store, new MemoryAlertLog(10));

    /** Round i: payment-service keeps up, fraud-audit is stuck at 10, analytics-loader falls 30 further behind. */
    private MonitorUpdate round(int i) {
        now = START.plusSeconds(5L * i);
        var keepingUp = new ConsumerGroupLag("payment-service", "Stable", 1,
                List.of(new PartitionLag("orders", 0, 100L * i, 100L * i)));
        var stuck = new ConsumerGroupLag("fraud-audit", "Stable", 1,
                List.of(new PartitionLag("payments", 0, 10, 20 + 10L * i)));
        var slow = new ConsumerGroupLag("analytics-loader", "Stable", 1,
                List.of(new PartitionLag("orders", 0, 10L * i, 40L * i + 5, Optional.of(now.minusSeconds(i))),
                        new PartitionLag("orders", 1, 0, 0)));
        return monitor.record(new LagRound(now, List.of(keepingUp, stuck, slow)));
    }

    @Test
    void groupsAreListedWorstFirstAndTheSelectionSurvivesEachRound() {
        model.attach(store, Runnable::run, List.of());
        for (int i = 0; i < 6; i++) {
            model.apply(round(i));
            if (i == 0) {
                model.select("payment-service");
            }
        }
        assertThat(model.groups()).extracting(GroupVerdict::name)
                .containsExactly("fraud-audit", "analytics-loader", "payment-service");
        assertThat(model.groups()).extracting(GroupVerdict::status)
                .containsExactly(GroupStatus.STALLED, GroupStatus.WARNING, GroupStatus.OK);
        assertThat(model.selectedProperty().get().name()).isEqualTo("payment-service");
        assertThat(model.selectedProperty().get().at()).isEqualTo(now);
        assertThat(model.summaryProperty().get()).isEqualTo("2 of 3 groups need attention: 1 stalled, 1 warning");
        assertThat(model.lastSampleProperty().get()).isEqualTo(now);
    }

    @Test
    void theChartShowsTheStoredHistoryThenGrowsWithEveryRound() {
        for (int i = 0; i < 4; i++) {
            round(i); // sampled before the tab was opened: only in the store
        }
        model.attach(store, Runnable::run, List.of());
        model.apply(round(4));
        model.select("analytics-loader");
        assertThat(model.chart()).extracting(LagSeries::name).containsExactly("total", "orders-0", "orders-1");
        assertThat(model.chart().getFirst().values()).containsExactly(5, 35, 65, 95, 125);
        model.apply(round(5));
        assertThat(model.chart().getFirst().values()).endsWith(155);
        model.metricProperty().set(ChartMetric.TIME);
        assertThat(model.chart().get(1).values()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(model.chart().get(2).values()).as("nothing waits on orders-1").containsOnly(0.0);
    }

    @Test
    void roundsArrivingWhileTheHistoryLoadsAreAddedAfterIt() {
        var slowDisk = new HeldExecutor();
        for (int i = 0; i < 3; i++) {
            round(i);
        }
        model.attach(store, slowDisk, List.of());
        model.apply(round(3));
        model.select("analytics-loader");
        assertThat(model.loadingHistoryProperty().get()).isTrue();
        model.apply(round(4));
        slowDisk.release();
        assertThat(model.loadingHistoryProperty().get()).isFalse();
        assertThat(model.chart().getFirst().values()).as("each round once, in order").containsExactly(5, 35, 65, 95, 125);
    }

    @Test
    void anotherRangeReadsTheStoreAgain() {
        model.attach(store, Runnable::run, List.of());
        model.apply(round(0));
        model.select("fraud-audit");
        int reads = store.reads;
        model.rangeProperty().set(ChartRange.DAY);
        assertThat(store.reads).isEqualTo(reads + 1);
        model.apply(round(1));
        assertThat(store.reads).as("a new round is appended, not read").isEqualTo(reads + 1);
    }

    @Test
    void alertsAreListedNewestFirstAndToldToListeners() {
        List<LagAlert> told = new ArrayList<>();
        model.onAlert(told::add);
        var earlier = new LagAlert(START.minusSeconds(3_600), "sandbox", "billing", dev.flowdeck.core.lag.AlertKind.STATUS,
                true, GroupStatus.STOPPED, "billing Stopped: ...");
        model.attach(store, Runnable::run, List.of(earlier));
        for (int i = 0; i < 6; i++) {
            model.apply(round(i));
        }
        // Both cross in the same round (the fifth sample fills the window, and lag reaches 125): in round order.
        assertThat(told).extracting(LagAlert::group).containsExactly("fraud-audit", "analytics-loader");
        assertThat(model.alerts()).extracting(LagAlert::group)
                .containsExactly("analytics-loader", "fraud-audit", "billing");
    }

    @Test
    void aFailedRoundIsSaidAndTheNextGoodOneClearsIt() {
        model.attach(store, Runnable::run, List.of());
        model.apply(round(0));
        model.samplingFailed("Consumer lag could not be read: the broker at localhost:9092 is not answering.");
        assertThat(model.problemProperty().get()).startsWith("Consumer lag could not be read");
        assertThat(model.groups()).as("the last verdicts stay").hasSize(3);
        model.apply(round(1));
        assertThat(model.problemProperty().get()).isEmpty();
    }

    @Test
    void aRuleIsSetForOneGroupOrForEveryGroup() {
        var rule = new AlertRule(OptionalLong.of(5_000), Optional.empty(), Set.of(GroupStatus.STOPPED));
        model.setRule("fraud-audit", rule, true);
        assertThat(model.rules().ruleFor("fraud-audit")).isEqualTo(rule);
        assertThat(model.rules().ruleFor("billing")).isEqualTo(AlertRule.defaults());
        model.setRule("fraud-audit", rule, false);
        assertThat(model.rules().ruleFor("billing")).isEqualTo(rule);
    }
}
