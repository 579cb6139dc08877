package dev.flowdeck.core.lag;

import java.util.List;

/** What one sampling round changed: every group's verdict, and the alerts it raised or cleared. */
public record MonitorUpdate(LagRound round, List<GroupVerdict> verdicts, List<LagAlert> alerts) {

    public MonitorUpdate {
        verdicts = List.copyOf(verdicts);
        alerts = List.copyOf(alerts);
    }
}
