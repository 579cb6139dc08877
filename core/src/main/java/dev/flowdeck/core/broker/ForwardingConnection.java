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
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A connection that passes every call on to another: the base of a wrapper that changes one thing (traced browses,
 * a benchmark's CPU count) and must not forget the rest, the read-only refusal and the queue hold included.
 */
public abstract class ForwardingConnection implements BrokerConnection {

    protected final BrokerConnection connection;

    protected ForwardingConnection(BrokerConnection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    @Override
    public Flow.Publisher<MessageBatch> browse(BrowseRequest request) {
        return connection.browse(request);
    }

    @Override
    public BrokerKind kind() {
        return connection.kind();
    }

    @Override
    public Capabilities capabilities() {
        return connection.capabilities();
    }

    @Override
    public CompletionStage<ClusterOverview> describeCluster() {
        return connection.describeCluster();
    }

    @Override
    public CompletionStage<List<Destination>> listDestinations() {
        return connection.listDestinations();
    }

    @Override
    public CompletionStage<List<PartitionOffsets>> partitionOffsets(String destination) {
        return connection.partitionOffsets(destination);
    }

    @Override
    public CompletionStage<List<ConsumerGroupLag>> consumerGroups() {
        return connection.consumerGroups();
    }

    @Override
    public CompletionStage<PublishReceipt> publish(OutgoingMessage message) {
        return connection.publish(message);
    }

    @Override
    public CompletionStage<OffsetResetPlan> previewOffsetReset(String group, OffsetResetTarget target) {
        return connection.previewOffsetReset(group, target);
    }

    @Override
    public CompletionStage<OffsetResetPlan> resetOffsets(OffsetResetPlan plan) {
        return connection.resetOffsets(plan);
    }

    @Override
    public QueueHold hold(String queue) {
        return connection.hold(queue);
    }

    @Override
    public void close() {
        connection.close();
    }
}
