package dev.flowdeck.core.lag;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * When a group deserves the operator's attention. Any of the three conditions raises an alert of its own kind.
 *
 * @param maxLag     messages waiting above which to alert; empty for no lag alert
 * @param maxTimeLag how long the oldest waiting record may wait; empty for no time alert
 * @param statuses   statuses that alert (STALLED and STOPPED by default)
 */
public record AlertRule(OptionalLong maxLag, Optional<Duration> maxTimeLag, Set<GroupStatus> statuses) {

    public AlertRule {
        Objects.requireNonNull(maxLag, "maxLag");
        Objects.requireNonNull(maxTimeLag, "maxTimeLag");
        statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        if (maxLag.isPresent() && maxLag.getAsLong() < 0) {
            throw new IllegalArgumentException("a lag threshold cannot be negative");
        }
        if (maxTimeLag.isPresent() && maxTimeLag.get().isNegative()) {
            throw new IllegalArgumentException("a time-lag threshold cannot be negative");
        }
    }

    /** What every group gets until the operator says otherwise: an alert when it stalls or stops. */
    public static AlertRule defaults() {
        return new AlertRule(OptionalLong.empty(), Optional.empty(), EnumSet.of(GroupStatus.STALLED, GroupStatus.STOPPED));
    }

    public AlertRule withMaxLag(OptionalLong messages) {
        return new AlertRule(messages, maxTimeLag, statuses);
    }

    public AlertRule withMaxTimeLag(Optional<Duration> age) {
        return new AlertRule(maxLag, age, statuses);
    }

    public AlertRule withStatuses(Set<GroupStatus> alerting) {
        return new AlertRule(maxLag, maxTimeLag, alerting);
    }
}
