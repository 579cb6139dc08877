package dev.flowdeck.core.trace;

import java.time.Duration;

/** Two consecutive events of a chain and the time between them. */
public record Hop(ChainEvent from, ChainEvent to, Duration latency) {

    /** Whether this hop went into a dead-letter destination. */
    public boolean intoDeadLetter() {
        return to.deadLetter() && !from.deadLetter();
    }
}
