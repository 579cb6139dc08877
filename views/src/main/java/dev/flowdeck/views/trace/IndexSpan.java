package dev.flowdeck.views.trace;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How far back an index reaches. A choice rather than a typed time: the index is bounded by memory, and a few
 * sensible spans keep an operator from asking for a week of five topics by accident.
 */
public enum IndexSpan {
    LAST_15_MINUTES("The last 15 minutes", Duration.ofMinutes(15)),
    LAST_HOUR("The last hour", Duration.ofHours(1)),
    LAST_6_HOURS("The last 6 hours", Duration.ofHours(6)),
    LAST_DAY("The last day", Duration.ofDays(1)),
    EVERYTHING("Everything held", null);

    private final String label;
    private final Duration reach;

    IndexSpan(String label, Duration reach) {
        this.label = label;
        this.reach = reach;
    }

    /** Where the window starts when indexing begins at {@code now}; empty for the oldest message held. */
    public Optional<Instant> from(Instant now) {
        return Optional.ofNullable(reach).map(now::minus);
    }

    @Override
    public String toString() {
        return label;
    }
}
