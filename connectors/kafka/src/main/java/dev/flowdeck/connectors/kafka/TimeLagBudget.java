package dev.flowdeck.connectors.kafka;

import java.time.Duration;
import java.util.Objects;

/**
 * How much one sampling round may spend on lag in time, so a big cluster never makes a round slow: at most
 * {@code maxLookups} records read, for at most {@code maxTime}. Lookups beyond it (the smallest lags) keep their
 * last known value or stay unknown until a later round.
 */
record TimeLagBudget(int maxLookups, Duration maxTime) {

    /** Enough for 500 groups of 50 partitions each waiting at a different offset; a round stays well within 2 s. */
    static final TimeLagBudget DEFAULT = new TimeLagBudget(32_768, Duration.ofSeconds(1));

    TimeLagBudget {
        Objects.requireNonNull(maxTime, "maxTime");
        if (maxLookups < 0 || maxTime.isNegative()) {
            throw new IllegalArgumentException("a budget is not negative: " + maxLookups + " lookups, " + maxTime);
        }
    }
}
