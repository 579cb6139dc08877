package dev.flowdeck.replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Spaces sends evenly at a number of events per second, on the injected clock. No bursts: time spent paused or
 * waiting for confirms does not save up sends to fire all at once afterwards.
 */
final class RateLimit {

    private final Clock clock;
    private final Duration interval;
    private Instant next;

    /** @param eventsPerSecond 0 or less: no limit */
    RateLimit(Clock clock, double eventsPerSecond) {
        this.clock = clock;
        this.interval = eventsPerSecond <= 0 ? Duration.ZERO
                : Duration.ofNanos(Math.max(1, Math.round(1_000_000_000d / eventsPerSecond)));
        this.next = Instant.MIN;
    }

    /** Zero, and the send may go now (the next one is booked an interval later); or how long to wait. */
    Duration reserve() {
        if (interval.isZero()) {
            return Duration.ZERO; // no limit: asked once a send, it need not read the clock
        }
        Instant now = clock.instant();
        if (now.isBefore(next)) {
            return Duration.between(now, next);
        }
        next = now.plus(interval);
        return Duration.ZERO;
    }
}
