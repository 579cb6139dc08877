package dev.flowdeck.core.trace;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One event of a chain: where it sits (enough to fetch it again from the broker) and what the index knows of it.
 *
 * @param destination topic or queue
 * @param partition   Kafka partition; 0 where the broker has none
 * @param offset      position within the partition; -1 where the broker has none
 * @param timestamp   the broker's or producer's timestamp
 * @param traceId     the trace it carried, or empty if it was joined by a correlation key
 * @param deadLetter  whether it sits in a dead-letter destination (by its name, see {@code DeadLetterNames})
 * @param reason      why it was dead-lettered, when its headers say
 */
public record ChainEvent(String destination, int partition, long offset, Instant timestamp,
                         Optional<String> traceId, boolean deadLetter, Optional<DeadLetterReason> reason) {

    public ChainEvent {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(reason, "reason");
    }
}
