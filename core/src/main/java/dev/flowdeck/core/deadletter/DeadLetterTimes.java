package dev.flowdeck.core.deadletter;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When a message failed.
 *
 * @param failedAt   when it was dead-lettered this last time: the dead letter's own timestamp on Kafka, the last
 *                   death on RabbitMQ
 * @param firstDeath when it was first dead-lettered (RabbitMQ's earliest {@code x-death} time), if known
 * @param lastDeath  when it was last dead-lettered, if known; RabbitMQ 3.x keeps only each queue and reason's first
 *                   time, so this is the newest of those
 */
public record DeadLetterTimes(Optional<Instant> failedAt, Optional<Instant> firstDeath, Optional<Instant> lastDeath) {

    public static final DeadLetterTimes UNKNOWN = new DeadLetterTimes(Optional.empty(), Optional.empty(),
            Optional.empty());

    public DeadLetterTimes {
        Objects.requireNonNull(failedAt, "failedAt");
        Objects.requireNonNull(firstDeath, "firstDeath");
        Objects.requireNonNull(lastDeath, "lastDeath");
    }

    /** The time a group counts this failure at: when it failed, else its last or first death. */
    public Optional<Instant> seen() {
        return failedAt.or(() -> lastDeath).or(() -> firstDeath);
    }
}
