package dev.flowdeck.replayconnect;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.QueueHold;
import dev.flowdeck.replay.DeadLetterSource;
import dev.flowdeck.replay.EventIdentity;
import dev.flowdeck.replay.PlannedEvent;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What "move" means on each broker, once the target confirmed an event.
 *
 * <ul>
 *   <li>Kafka: a record cannot be deleted from a topic, and committing a dead-letter consumer's offset past it
 *       would also pass the records not selected. So the dead letter is marked done where Flowdeck keeps its
 *       replays: the runner journals {@code removed} for it, and the journal-backed history refuses to replay it
 *       again without force. The topic itself is unchanged.</li>
 *   <li>RabbitMQ (classic and quorum queues): before anything is sent the dead letters are taken again from their
 *       queue, found by the name the plan gave them ({@link EventIdentity#BY_CONTENT}: message id, else a digest of
 *       headers and value; the browse that made the plan handed them back, so their positions mean nothing), and
 *       held unacknowledged on a channel of the source's own ({@link QueueHold}); every other message taken while
 *       looking is handed back. Each is acknowledged once its replay is confirmed; what is still held when the run
 *       ends is handed back. A crash hands everything held back to the queue by the broker's own doing, so a dead
 *       letter is never lost; a resume takes the confirmed ones again by name and acknowledges them instead of
 *       sending them again.</li>
 * </ul>
 */
public final class MoveSources {

    private MoveSources() {
    }

    /**
     * The source of a move from {@code deadLetters}' cluster over {@code connection}, its open connection (unused for
     * Kafka). A read-only profile makes the runner refuse the move, and the connector refuses each take and removal.
     */
    public static DeadLetterSource forMove(ConnectionProfile deadLetters, BrokerConnection connection) {
        Objects.requireNonNull(deadLetters, "deadLetters");
        if (deadLetters.kind() == BrokerKind.RABBITMQ) {
            return new RabbitHeldDeadLetters(deadLetters, Objects.requireNonNull(connection, "connection"));
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

    /** RabbitMQ's move: one hold per dead-letter queue, named by content, acknowledged one event at a time. */
    private static final class RabbitHeldDeadLetters implements DeadLetterSource {

        private static final EventIdentity NAMING = EventIdentity.BY_CONTENT;

        private final ConnectionProfile profile;
        private final BrokerConnection connection;
        private final Map<String, QueueHold> holds = new ConcurrentHashMap<>();

        RabbitHeldDeadLetters(ConnectionProfile profile, BrokerConnection connection) {
            this.profile = profile;
            this.connection = connection;
        }

        @Override
        public String cluster() {
            return profile.name();
        }

        @Override
        public boolean readOnly() {
            return profile.readOnly();
        }

        @Override
        public CompletionStage<Set<String>> hold(List<PlannedEvent> events) {
            Map<String, Set<String>> byQueue = new LinkedHashMap<>();
            for (PlannedEvent event : events) {
                if (!event.key().equals(NAMING.keyOf(event.deadLetter()))) {
                    return CompletableFuture.failedFuture(new IllegalArgumentException("Dead letter " + event.key()
                            + " is named by its position, as a stream's messages are; a message can be removed "
                            + "only from a classic or quorum queue. Replay it as a copy."));
                }
                byQueue.computeIfAbsent(event.deadLetter().destination(), queue -> new HashSet<>()).add(event.key());
            }
            CompletionStage<Set<String>> all = CompletableFuture.completedFuture(Set.of());
            for (Map.Entry<String, Set<String>> queue : byQueue.entrySet()) {
                // One queue after the other: each take reads its queue from the head on one channel.
                all = all.thenCompose(held -> holdOf(queue.getKey()).take(queue.getValue(), NAMING::keyOf)
                        .thenApply(more -> union(held, more)));
            }
            return all;
        }

        /**
         * Acknowledges the dead letter if it is held. If not (the hold's channel was lost, or this is a resume of an
         * event confirmed before a crash), it is taken again by name first; one no longer in the queue was removed
         * already (the crash came between the acknowledgement and its journal line), so that completes too.
         */
        @Override
        public CompletionStage<Void> remove(PlannedEvent event) {
            QueueHold hold = holdOf(event.deadLetter().destination());
            String key = event.key();
            return hold.take(Set.of(key), NAMING::keyOf).thenCompose(held -> held.contains(key) ? hold.remove(key)
                    : CompletableFuture.completedFuture(null));
        }

        @Override
        public void release() {
            holds.values().forEach(QueueHold::close);
            holds.clear();
        }

        private QueueHold holdOf(String queue) {
            return holds.computeIfAbsent(queue, connection::hold);
        }

        private static Set<String> union(Set<String> first, Set<String> second) {
            return java.util.stream.Stream.concat(first.stream(), second.stream()).collect(Collectors.toSet());
        }
    }
}
