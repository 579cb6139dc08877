package dev.flowdeck.core.broker;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * An open connection to one cluster, as every view and the replay engine see it.
 *
 * <p>Threading contract: no method blocks. Each returns a stage that completes on a thread the connector owns;
 * callers hand results to their own executor (the FX thread, say) and never block in a callback. A failed stage
 * carries a {@link BrokerException} whose message is a sentence an operator can act on.
 */
public interface BrokerConnection extends AutoCloseable {

    /** What the cluster is: its id, its version, how many brokers it has. */
    CompletionStage<ClusterOverview> describeCluster();

    /** Every topic an operator would browse (internal topics left out), sorted by name. */
    CompletionStage<List<TopicSummary>> listTopics();

    /** Releases the connection's clients and threads; pending stages fail. Safe to call twice. */
    @Override
    void close();
}
