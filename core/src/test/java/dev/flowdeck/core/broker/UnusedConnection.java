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
 * A Kafka-like connection whose every request fails loudly: a test double overrides just the requests the code
 * under test may make, so a call it should not make still fails the test instead of passing by a made-up answer.
 */
public abstract class UnusedConnection implements BrokerConnection {

    /** The failure names the double, so a test that strays says where: "browse is not used by ScriptedGroup". */
    private UnsupportedOperationException unused(String request) {
        return new UnsupportedOperationException(request + " is not used by " + getClass().getSimpleName());
    }

    @Override
    public BrokerKind kind() {
        return BrokerKind.KAFKA;
    }

    @Override
    public Capabilities capabilities() {
        return Capabilities.KAFKA;
    }

    @Override
    public CompletionStage<ClusterOverview> describeCluster() {
        throw unused("describeCluster");
    }

    @Override
    public CompletionStage<List<Destination>> listDestinations() {
        throw unused("listDestinations");
    }

    @Override
    public Flow.Publisher<MessageBatch> browse(BrowseRequest request) {
        throw unused("browse");
    }

    @Override
    public CompletionStage<List<PartitionOffsets>> partitionOffsets(String destination) {
        throw unused("partitionOffsets");
    }

    @Override
    public CompletionStage<List<ConsumerGroupLag>> consumerGroups() {
        throw unused("consumerGroups");
    }

    @Override
    public CompletionStage<OffsetResetPlan> previewOffsetReset(String group, OffsetResetTarget target) {
        throw unused("previewOffsetReset");
    }

    @Override
    public CompletionStage<OffsetResetPlan> resetOffsets(OffsetResetPlan plan) {
        throw unused("resetOffsets");
    }

    @Override
    public CompletionStage<PublishReceipt> publish(OutgoingMessage message) {
        throw unused("publish");
    }

    @Override
    public void close() {
    }
}
