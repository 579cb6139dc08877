package dev.flowdeck.views.lag;

import java.time.Duration;

/** How far back the history chart reaches. */
public enum ChartRange {
    QUARTER_HOUR("15 min", Duration.ofMinutes(15)),
    HOUR("1 h", Duration.ofHours(1)),
    SIX_HOURS("6 h", Duration.ofHours(6)),
    DAY("24 h", Duration.ofHours(24));

    private final String label;
    private final Duration span;

    ChartRange(String label, Duration span) {
        this.label = label;
        this.span = span;
    }

    public Duration span() {
        return span;
    }

    @Override
    public String toString() {
        return label;
    }
}
