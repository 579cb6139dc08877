package dev.flowdeck.core.lag;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lag evaluation of one cluster, shared by the desktop and the command line: it takes each sampling round, keeps
 * just the window the evaluator needs in memory, judges every group, raises alerts once per crossing, and hands the
 * round to the history store (which keeps the long history on disk, not here).
 *
 * <p>Thread-safe; {@link #record} is meant to be called by one sampling thread at a time.
 */
public final class LagMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(LagMonitor.class);

    private final LagEvaluator evaluator;
    private final AlertTracker alerts;
    private final LagHistoryStore store;
    private final AlertLog alertLog;
    private final Map<String, Deque<GroupSample>> windows = new HashMap<>();

    public LagMonitor(String cluster, LagEvaluator evaluator, Supplier<AlertRules> rules, LagHistoryStore store,
                      AlertLog alertLog) {
        this.evaluator = evaluator;
        this.alerts = new AlertTracker(cluster, rules);
        this.store = store;
        this.alertLog = alertLog;
    }

    /**
     * Picks up where an earlier session left off: the stored rounds of the last window become the start of every
     * group's window, so a group stalled before a restart is still seen as stalled after it. Raises no alerts.
     */
    public synchronized void restore(Instant now) {
        for (LagRound round : store.rounds(now.minus(evaluator.window()), now)) {
            remember(round);
        }
    }

    public synchronized MonitorUpdate record(LagRound round) {
        remember(round);
        List<GroupVerdict> verdicts = new ArrayList<>();
        List<LagAlert> raised = new ArrayList<>();
        for (ConsumerGroupLag group : round.groups()) {
            GroupVerdict verdict = evaluator.evaluate(List.copyOf(windows.get(group.group())));
            verdicts.add(verdict);
            raised.addAll(alerts.observe(verdict));
        }
        alerts.forgetGroupsExcept(windows.keySet());
        try {
            store.append(round);
        } catch (UncheckedIOException e) {
            LOG.warn("Could not keep the lag history of {}: {}", round.at(), e.getMessage());
        }
        for (LagAlert alert : raised) {
            try {
                alertLog.append(alert);
            } catch (UncheckedIOException e) {
                LOG.warn("Could not write an alert to the alert log: {}", e.getMessage());
            }
        }
        return new MonitorUpdate(round, verdicts, raised);
    }

    public LagEvaluator evaluator() {
        return evaluator;
    }

    private void remember(LagRound round) {
        Set<String> present = round.groups().stream().map(ConsumerGroupLag::group).collect(Collectors.toSet());
        windows.keySet().retainAll(present);
        Instant oldest = round.at().minus(evaluator.window());
        for (ConsumerGroupLag group : round.groups()) {
            Deque<GroupSample> window = windows.computeIfAbsent(group.group(), name -> new ArrayDeque<>());
            if (!window.isEmpty() && !window.getLast().at().isBefore(round.at())) {
                continue; // a round no newer than the last one (a restored round replayed): keep time moving forward
            }
            window.addLast(new GroupSample(round.at(), group));
            // Keep a few samples beyond the window: after missed rounds the evaluator judges by them.
            while (window.size() > LagEvaluator.MIN_SAMPLES && window.getFirst().at().isBefore(oldest)) {
                window.removeFirst();
            }
        }
    }
}
