package dev.flowdeck.core.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagMonitorTest {

    /** Keeps rounds in a list, as a store on disk would across a restart. */
    private static final class ListStore implements LagHistoryStore {
        final List<LagRound> rounds = new ArrayList<>();
        boolean failing;

        @Override
        public void append(LagRound round) {
            if (failing) {
                throw new UncheckedIOException(new java.io.IOException("disk full"));
            }
            rounds.add(round);
        }

        @Override
        public List<LagRound> rounds(Instant from, Instant to) {
            return rounds.stream().filter(r -> !r.at().isBefore(from) && r.at().isBefore(to)).toList();
        }

        @Override
        public List<GroupSample> samples(String group, Instant from, Instant to) {
            return List.of();
        }

        @Override
        public void close() {
        }
    }

    private static final class ListLog implements AlertLog {
        final List<LagAlert> alerts = new ArrayList<>();

        @Override
        public void append(LagAlert alert) {
            alerts.add(alert);
        }

        @Override
        public List<LagAlert> recent(int limit) {
            return alerts;
        }
    }

    private final ListStore store = new ListStore();
    private final ListLog log = new ListLog();

    private LagMonitor monitor() {
        return new LagMonitor("sandbox", new LagEvaluator(Duration.ofSeconds(20)), AlertRules::defaults, store, log);
    }

    private static GroupScript stalled(int samples) {
        var script = new GroupScript("fraud-audit");
        for (int i = 0; i < samples; i++) {
            script.sample(10, 20 + i);
        }
        return script;
    }

    @Test
    void eachRoundIsJudgedStoredAndItsAlertsLogged() {
        var monitor = monitor();
        var script = stalled(6);
        MonitorUpdate last = null;
        for (int i = 0; i < 6; i++) {
            last = monitor.record(script.round(i));
        }
        assertThat(last.verdicts()).singleElement().extracting(GroupVerdict::status).isEqualTo(GroupStatus.STALLED);
        assertThat(store.rounds).hasSize(6);
        assertThat(log.alerts).singleElement().extracting(LagAlert::status).isEqualTo(GroupStatus.STALLED);
    }

    @Test
    void aRestartedMonitorRemembersTheWindowAndDoesNotAlertAgainUntilTheStallEnds() {
        var script = stalled(8);
        var before = monitor();
        for (int i = 0; i < 5; i++) {
            before.record(script.round(i));
        }
        var after = monitor();
        after.restore(script.round(5).at());
        MonitorUpdate update = after.record(script.round(5));
        assertThat(update.verdicts().getFirst().status())
                .as("stalled straight after the restart: the window came from the store")
                .isEqualTo(GroupStatus.STALLED);
    }

    @Test
    void aGroupThatLeavesTheClusterLeavesTheWindow() {
        var monitor = monitor();
        var script = stalled(5);
        for (int i = 0; i < 5; i++) {
            monitor.record(script.round(i));
        }
        monitor.record(new LagRound(script.round(4).at().plusSeconds(5), List.of()));
        MonitorUpdate back = monitor.record(
                new LagRound(script.round(4).at().plusSeconds(10), List.of(script.round(4).groups().getFirst())));
        assertThat(back.verdicts().getFirst().status()).as("one sample: no full window yet").isEqualTo(GroupStatus.OK);
    }

    @Test
    void aStoreThatFailsDoesNotStopTheEvaluation() {
        var monitor = monitor();
        store.failing = true;
        var script = stalled(5);
        MonitorUpdate last = null;
        for (int i = 0; i < 5; i++) {
            last = monitor.record(script.round(i));
        }
        assertThat(last.verdicts().getFirst().status()).isEqualTo(GroupStatus.STALLED);
        assertThat(log.alerts).hasSize(1);
    }
}
