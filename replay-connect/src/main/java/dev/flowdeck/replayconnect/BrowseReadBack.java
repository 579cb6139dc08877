package dev.flowdeck.replayconnect;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.StartPosition;
import dev.flowdeck.core.filter.MessageFilter;
import dev.flowdeck.replay.PlannedEvent;
import dev.flowdeck.replay.Provenance;
import dev.flowdeck.replay.ReplayTarget;
import dev.flowdeck.replay.TargetReadBack;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Reads the target back by browsing it over a bounded range, looking for a message stamped with this replay's id
 * and the event's key. The filter runs in the connector and the browse stops at the first match.
 *
 * <p>Bounded so the answer is final: the browse ends at the end the destination had when it began, and it must be
 * asked once nothing of the interrupted run can still arrive (decision 0016). Only destinations that can be read
 * without side effects are read back: Kafka partitions and RabbitMQ streams. A classic or quorum queue cannot
 * (reading one takes its messages for a while, and its consumers may already have taken the replayed one): such a
 * target gets {@link AtLeastOnceReadBack}.
 */
public final class BrowseReadBack implements TargetReadBack {

    private final BrokerConnection connection;
    private final Function<PlannedEvent, List<BrowseRequest>> ranges;

    private BrowseReadBack(BrokerConnection connection, Function<PlannedEvent, List<BrowseRequest>> ranges) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.ranges = ranges;
    }

    /**
     * Kafka: the event's target partition (every marked partition of the topic for a target by key) from where it
     * ended when the replay began. An event whose partition has no mark fails the read-back: it stays in doubt
     * rather than being sent blind.
     */
    public static BrowseReadBack kafka(BrokerConnection connection, TargetMarks marks) {
        return new BrowseReadBack(connection, event -> {
            ReplayTarget.KafkaTopic target = kafkaTarget(event);
            Set<Integer> partitions = target.partition().isPresent() ? Set.of(target.partition().getAsInt())
                    : marks.partitionsOf(target.topic());
            if (partitions.isEmpty()) {
                throw new IllegalStateException("No mark says where " + target.topic() + " ended when the replay "
                        + "began, so it cannot be read back.");
            }
            return partitions.stream().sorted().map(partition -> {
                OptionalLong from = marks.from(target.topic(), partition);
                if (from.isEmpty()) {
                    throw new IllegalStateException("No mark says where " + target.topic() + ", partition "
                            + partition + " ended when the replay began, so it cannot be read back.");
                }
                return new BrowseRequest(target.topic(), new StartPosition.Offset(from.getAsLong()),
                        Set.of(partition), false);
            }).toList();
        });
    }

    /**
     * Kafka without marks (they were lost): the newest {@code lastN} records of the target partition. Not final:
     * a replayed record pushed further back by later traffic looks absent and is sent again (at least once).
     */
    public static BrowseReadBack kafkaLastN(BrokerConnection connection, long lastN) {
        return new BrowseReadBack(connection, event -> {
            ReplayTarget.KafkaTopic target = kafkaTarget(event);
            BrowseRequest request = new BrowseRequest(target.topic(), new StartPosition.LastN(lastN), Set.of(),
                    false);
            return List.of(target.partition().isPresent()
                    ? request.onlyPartitions(Set.of(target.partition().getAsInt())) : request);
        });
    }

    /**
     * A RabbitMQ stream bound to the target exchange, from {@code from} (the marks' time, or an offset): a stream
     * keeps what it holds whoever reads it, so it can say whether the replay's message arrived.
     */
    public static BrowseReadBack rabbitStream(BrokerConnection connection, String stream, StartPosition from) {
        BrowseRequest request = new BrowseRequest(stream, from, Set.of(), false);
        return new BrowseReadBack(connection, event -> List.of(request));
    }

    @Override
    public CompletionStage<Boolean> holds(PlannedEvent event, String replayId) {
        List<BrowseRequest> requests;
        try {
            requests = ranges.apply(event);
        } catch (RuntimeException noRange) {
            return CompletableFuture.failedFuture(noRange);
        }
        MessageFilter stamped = MessageFilter.allOf(List.of(
                new MessageFilter.HeaderMatches(Provenance.REPLAY_ID, replayId),
                new MessageFilter.HeaderMatches(Provenance.REPLAYED_FROM, event.key())));
        CompletionStage<Boolean> found = CompletableFuture.completedFuture(false);
        for (BrowseRequest request : requests) {
            BrowseRequest bounded = request.filteredBy(stamped).limitedTo(1);
            found = found.thenCompose(already -> already ? CompletableFuture.completedFuture(true)
                    : firstMatch(bounded, replayId, event.key()));
        }
        return found;
    }

    private CompletionStage<Boolean> firstMatch(BrowseRequest request, String replayId, String key) {
        FirstMatch match = new FirstMatch(message -> Provenance.isReplayOf(message.headers(), replayId, key));
        connection.browse(request).subscribe(match);
        return match.result();
    }

    private static ReplayTarget.KafkaTopic kafkaTarget(PlannedEvent event) {
        if (event.target() instanceof ReplayTarget.KafkaTopic topic) {
            return topic;
        }
        throw new IllegalArgumentException("A Kafka read-back cannot look for an event sent to "
                + event.target().describe() + ".");
    }
}
