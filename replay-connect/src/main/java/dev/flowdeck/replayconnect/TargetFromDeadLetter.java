package dev.flowdeck.replayconnect;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.deadletter.DeadLetter;
import dev.flowdeck.core.deadletter.DeadLetterDecoder;
import dev.flowdeck.core.deadletter.KafkaOrigin;
import dev.flowdeck.core.deadletter.RabbitOrigin;
import dev.flowdeck.replay.EventIdentity;
import dev.flowdeck.replay.ReplaySelection;
import dev.flowdeck.replay.ReplayTarget;
import dev.flowdeck.replay.SelectedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a dead letter goes back to: the place the dead-letter model says it came from.
 *
 * <ul>
 *   <li>Kafka: the original topic and partition, so the record sits among its key's records in the order the
 *       consumer saw them; without a known partition, by key (the partitioner put it there the first time).</li>
 *   <li>RabbitMQ: the exchange of the first death with its first routing key, so the bindings route it as they
 *       routed it first (a CC'd key would reach queues that already had it). Published to the default exchange,
 *       the routing key is the queue's name.</li>
 * </ul>
 */
public final class TargetFromDeadLetter {

    /** A selection, and the dead letters left out of it because nothing says where they came from. */
    public record Selected(ReplaySelection selection, List<String> unplaced) {

        public Selected {
            Objects.requireNonNull(selection, "selection");
            unplaced = List.copyOf(unplaced);
        }
    }

    private TargetFromDeadLetter() {
    }

    /** The origin of {@code deadLetter} as a replay target; fails with a sentence when there is none. */
    public static ReplayTarget of(DeadLetter deadLetter) {
        return switch (deadLetter.origin().orElseThrow(() -> new IllegalArgumentException(
                "No header of " + where(deadLetter) + " says where it came from; choose its target by hand."))) {
            case KafkaOrigin kafka -> kafka.partition().isPresent()
                    ? ReplayTarget.KafkaTopic.toPartition(kafka.topic(), kafka.partition().getAsInt())
                    : ReplayTarget.KafkaTopic.byKey(kafka.topic());
            case RabbitOrigin rabbit -> rabbitTarget(rabbit, deadLetter);
        };
    }

    /** Every message decoded and sent back to its origin, in the order given. */
    public static Selected select(String description, List<BrowsedMessage> messages, DeadLetterDecoder decoder,
                                  EventIdentity identity) {
        List<SelectedEvent> events = new ArrayList<>();
        List<String> unplaced = new ArrayList<>();
        for (BrowsedMessage message : messages) {
            DeadLetter deadLetter = decoder.decode(message);
            try {
                events.add(new SelectedEvent(message, of(deadLetter)));
            } catch (IllegalArgumentException noOrigin) {
                unplaced.add(noOrigin.getMessage());
            }
        }
        return new Selected(new ReplaySelection(description, identity, events), unplaced);
    }

    private static ReplayTarget rabbitTarget(RabbitOrigin origin, DeadLetter deadLetter) {
        if (!origin.routingKeys().isEmpty()) {
            return new ReplayTarget.RabbitExchange(origin.exchange(), origin.routingKeys().getFirst());
        }
        if (origin.exchange().isEmpty() && !origin.queue().isEmpty()) {
            return new ReplayTarget.RabbitExchange("", origin.queue());
        }
        throw new IllegalArgumentException("The x-death of " + where(deadLetter) + " names exchange '"
                + origin.exchange() + "' but no routing key; choose its target by hand.");
    }

    private static String where(DeadLetter deadLetter) {
        DeadLetter.Coordinates at = deadLetter.at();
        return at.destination() + "/" + at.partition() + (at.offset() >= 0 ? "@" + at.offset() : "");
    }
}
