package dev.flowdeck.core.lag;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One sampling round: every group's lag as read at one moment. The unit the monitor evaluates and the history
 * stores.
 */
public record LagRound(Instant at, List<ConsumerGroupLag> groups) {

    public LagRound {
        Objects.requireNonNull(at, "at");
        groups = List.copyOf(groups);
    }
}
