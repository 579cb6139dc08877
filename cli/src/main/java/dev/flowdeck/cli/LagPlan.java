package dev.flowdeck.cli;

import dev.flowdeck.core.lag.GroupStatus;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code flowdeck lag} was asked to do, checked: which groups, in which form, how often, judged over which
 * window, what fails the run, and where the metrics go.
 *
 * @param samples    how many samples before the command ends; 0 for until Ctrl-C
 * @param failOn     the statuses that make the exit code 1 at the last sample; empty for never
 * @param otlp       where a watch sends its metrics (the full URL, {@code /v1/metrics} included)
 */
record LagPlan(GroupSelection groups, LagFormat format, boolean partitions, boolean watch, Duration interval,
               Duration window, long samples, Set<GroupStatus> failOn, Optional<URI> otlp) {

    /** How the samples are written. */
    enum LagFormat { TABLE, JSON }

    LagPlan {
        failOn = Set.copyOf(failOn);
    }

    boolean untilStopped() {
        return samples == 0;
    }
}
