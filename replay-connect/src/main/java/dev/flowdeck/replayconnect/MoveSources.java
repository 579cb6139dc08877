package dev.flowdeck.replayconnect;

import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.replay.DeadLetterSource;
import dev.flowdeck.replay.PlannedEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What "move" means on each broker, once the target confirmed an event.
 *
 * <ul>
 *   <li>Kafka: a record cannot be deleted from a topic, and committing a dead-letter consumer's offset past it
 *       would also pass the records not selected. So the dead letter is marked done where Flowdeck keeps its
 *       replays: the runner journals {@code removed} for it, and the journal-backed history refuses to replay it
 *       again without force. The topic itself is unchanged.</li>
 *   <li>RabbitMQ: not yet. Removing one dead letter means holding it unacknowledged from the browse until its
 *       replay is confirmed, then acknowledging it on the same channel; the RabbitMQ connector only holds messages
 *       to hand them all back. Until it can, a move from RabbitMQ is refused with {@link #RABBIT_MOVE_REFUSED}.</li>
 * </ul>
 */
public final class MoveSources {

    public static final String RABBIT_MOVE_REFUSED = "Moving dead letters out of a RabbitMQ queue is not available "
            + "yet: Flowdeck cannot yet keep a dead letter held until its replay is confirmed. Replay them as a copy; "
            + "the dead letters stay in their queue.";

    private MoveSources() {
    }

    /**
     * The source of a move from {@code deadLetters}' cluster; refuses RabbitMQ with a sentence.
     *
     * @param connection the open connection to that cluster (unused for Kafka, whose move touches no broker)
     */
    public static DeadLetterSource forMove(ConnectionProfile deadLetters, BrokerConnection connection) {
        if (deadLetters.kind() == BrokerKind.RABBITMQ) {
            throw new UnsupportedOperationException(RABBIT_MOVE_REFUSED);
        }
        return new KafkaMarkedDone(deadLetters);
    }

    /** Kafka's move: nothing to do on the broker; the journal's {@code removed} line is the mark. */
    private record KafkaMarkedDone(ConnectionProfile profile) implements DeadLetterSource {

        @Override
        public String cluster() {
            return profile.name();
        }

        @Override
        public boolean readOnly() {
            return profile.readOnly();
        }

        @Override
        public CompletionStage<Void> remove(PlannedEvent event) {
            return CompletableFuture.completedFuture(null);
        }
    }
}
