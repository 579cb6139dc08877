package dev.flowdeck.core.lag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns verdicts into alerts that fire once per crossing: a group over its threshold for an hour raises one alert,
 * and one "back to normal" when it returns. Lag thresholds clear only once lag is below
 * {@value #CLEAR_PERCENT}% of the threshold, so a group hovering at the line does not flap.
 *
 * <p>Not thread-safe: the monitor calls it under its own lock.
 */
public final class AlertTracker {

    static final int CLEAR_PERCENT = 90;

    private final String cluster;
    private final Supplier<AlertRules> rules;
    private final Set<Active> active = new HashSet<>();

    private record Active(String group, AlertKind kind) {
    }

    public AlertTracker(String cluster, Supplier<AlertRules> rules) {
        this.cluster = cluster;
        this.rules = rules;
    }

    public List<LagAlert> observe(GroupVerdict verdict) {
        AlertRule rule = rules.get().ruleFor(verdict.name());
        List<LagAlert> alerts = new ArrayList<>();
        long lag = verdict.lag();
        if (rule.maxLag().isPresent()) {
            long max = rule.maxLag().getAsLong();
            cross(verdict, AlertKind.LAG, lag > max, lag * 100 <= max * CLEAR_PERCENT,
                    Spoken.count(lag) + " messages behind (threshold " + Spoken.count(max) + ")",
                    "lag back to " + Spoken.count(lag) + " (threshold " + Spoken.count(max) + ")", alerts);
        } else {
            forget(verdict, AlertKind.LAG);
        }
        if (rule.maxTimeLag().isPresent() && verdict.timeLag().isPresent()) {
            Duration max = rule.maxTimeLag().get();
            Duration age = verdict.timeLag().get();
            cross(verdict, AlertKind.TIME_LAG, age.compareTo(max) > 0,
                    age.toMillis() * 100 <= max.toMillis() * CLEAR_PERCENT,
                    Spoken.span(age) + " behind (threshold " + Spoken.span(max) + ")",
                    "lag in time back to " + Spoken.span(age) + " (threshold " + Spoken.span(max) + ")", alerts);
        } else if (rule.maxTimeLag().isEmpty()) {
            forget(verdict, AlertKind.TIME_LAG);
        }
        boolean alerting = rule.statuses().contains(verdict.status());
        cross(verdict, AlertKind.STATUS, alerting, !alerting,
                verdict.status().label() + ": " + verdict.explanation(),
                "back to " + verdict.status().label() + ": " + verdict.explanation(), alerts);
        return alerts;
    }

    /** A group gone from the cluster raises nothing more; should it return, it starts afresh. */
    public void forgetGroupsExcept(Set<String> present) {
        active.removeIf(entry -> !present.contains(entry.group()));
    }

    private void cross(GroupVerdict verdict, AlertKind kind, boolean over, boolean clear, String raised,
                       String cleared, List<LagAlert> alerts) {
        var key = new Active(verdict.name(), kind);
        if (over && active.add(key)) {
            alerts.add(alert(verdict, kind, true, verdict.name() + " " + raised));
        } else if (clear && active.remove(key)) {
            alerts.add(alert(verdict, kind, false, verdict.name() + " " + cleared));
        }
    }

    private void forget(GroupVerdict verdict, AlertKind kind) {
        active.remove(new Active(verdict.name(), kind));
    }

    private LagAlert alert(GroupVerdict verdict, AlertKind kind, boolean raised, String message) {
        return new LagAlert(verdict.at(), cluster, verdict.name(), kind, raised, verdict.status(), message);
    }

    /** For tests and the UI: whether a group is in alert for a kind right now. */
    public boolean isActive(String group, AlertKind kind) {
        return active.contains(new Active(group, kind));
    }
}
