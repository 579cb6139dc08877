package dev.flowdeck.core.broker;

import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.browse.PartitionOffsets;
import dev.flowdeck.core.lag.ConsumerGroupLag;
import dev.flowdeck.core.offsets.OffsetResetPlan;
import dev.flowdeck.core.offsets.OffsetResetTarget;
import dev.flowdeck.core.publish.OutgoingMessage;
import dev.flowdeck.core.publish.PublishReceipt;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An open connection to one cluster, as every view and the replay engine see it.
 *
 * <h2>Threads</h2>
 * No method blocks. Requests return stages that complete on threads the connector owns; a browse delivers its
 * batches on a thread of its own. Callers hand results to their own executor (the FX thread, say) and never block
 * in a callback, nor do heavy work there. One exception: a browse's subscriber may read the batch it is handed in
 * {@code onNext} (work bounded by the batch, such as the trace index's reading of trace ids and keys), which only
 * holds back that browse's next read, and costs least there, the batch still in the reading core's cache.
 *
 * <h2>Errors</h2>
 * A failed stage (or a browse's {@code onError}) carries a {@link BrokerException} whose message is a sentence an
 * operator can act on; the technical cause stays attached for the log.
 *
 * <h2>Writes</h2>
 * On a read-only profile every write fails with {@link dev.flowdeck.core.publish.ReadOnlyProfileException}
 * before anything reaches the broker: the connector enforces it, not the UI.
 */
public interface BrokerConnection extends AutoCloseable {

    BrokerKind kind();

    /** What this broker can do, so views can say what they cannot. */
    Capabilities capabilities();

    /** What the cluster is: its id, its version, how many brokers it has. */
    CompletionStage<ClusterOverview> describeCluster();

    /**
     * Everything an operator would browse or publish to, sorted by namespace and name: Kafka topics (internal ones
     * left out); RabbitMQ queues and exchanges of every vhost the user may see.
     */
    CompletionStage<List<Destination>> listDestinations();

    /**
     * Reads messages as a stream of batches, with back-pressure: each {@code request(n)} allows n more batches
     * and nothing is read beyond the demand. The stream completes at the end of the range (unless the request
     * follows the destination live) and fails with a {@link BrokerException}.
     *
     * <p>{@code cancel()} returns at once and stops the read: no batch begins after it returns (one being delivered
     * at that moment completes), and the connector releases the browse's client. Browsing never changes what it
     * reads: on Kafka it joins no group and commits nothing.
     */
    Flow.Publisher<MessageBatch> browse(BrowseRequest request);

    /**
     * Each partition's range of offsets right now, by partition number: what a browse from the beginning would
     * read, and (sampled twice) how fast the destination grows. A RabbitMQ queue is one partition holding its depth.
     */
    CompletionStage<List<PartitionOffsets>> partitionOffsets(String destination);

    /**
     * Every consumer group with its state, members and per-partition lag, in as few broker round trips as it can.
     * Brokers without groups ({@link Capabilities#consumerGroups()} false: RabbitMQ) list each queue as the group of
     * its consumers, on one partition whose lag is what waits and whose committed position is what its consumers
     * finished with, so the same status model judges both.
     */
    CompletionStage<List<ConsumerGroupLag>> consumerGroups();

    /**
     * Sends one message and completes when the broker has confirmed it is stored. On RabbitMQ the destination is
     * an exchange ("" for the default one) and the key is the routing key; a message no queue takes fails.
     */
    CompletionStage<PublishReceipt> publish(OutgoingMessage message);

    /**
     * Works out what moving an inactive group's committed offsets to {@code target} would do, changing nothing: per
     * partition the offset now, the offset it would get, the end, and the lag that results. Earliest, latest and a
     * time cover the partitions the group has committed to (a time past a partition's last record means its end);
     * given offsets cover exactly the partitions named, and must lie within each partition's records.
     *
     * <p>Fails with a {@link BrokerException} when the group has members (a reset needs them stopped), when it has
     * no committed offsets to move, or on a broker without consumer groups; with a
     * {@link dev.flowdeck.core.publish.ReadOnlyProfileException} on a read-only profile, before asking the broker.
     */
    CompletionStage<OffsetResetPlan> previewOffsetReset(String group, OffsetResetTarget target);

    /**
     * Commits exactly the plan's new offsets for its group, after checking again that the group has no members,
     * and completes with the plan. The caller records it in the audit log
     * ({@link dev.flowdeck.core.offsets.OffsetReset} does both). Fails as {@link #previewOffsetReset} does; a group
     * that gained members since the preview is left untouched.
     */
    CompletionStage<OffsetResetPlan> resetOffsets(OffsetResetPlan plan);

    /**
     * A hold on the messages of queue {@code queue}: takes messages unacknowledged and removes them one by one
     * (see {@link QueueHold}). Nothing is contacted until its first take. Only RabbitMQ classic and quorum queues
     * can remove one message; a Kafka topic cannot, and the default refuses with a sentence. On a read-only
     * profile the hold's takes and removals fail with a {@link dev.flowdeck.core.publish.ReadOnlyProfileException}.
     */
    default QueueHold hold(String queue) {
        throw new BrokerException("'" + queue + "' cannot have single messages removed from it on this broker: a "
                + "Kafka topic keeps its records until retention deletes them.", null);
    }

    /** Releases the connection's clients and threads; pending stages fail, browses end. Safe to call twice. */
    @Override
    void close();
}
