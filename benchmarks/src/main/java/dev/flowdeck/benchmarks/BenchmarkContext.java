package dev.flowdeck.benchmarks;

import dev.flowdeck.connectors.kafka.KafkaBrokerConnection;
import dev.flowdeck.core.broker.ConnectionProfile;
import java.util.concurrent.Executor;

/**
 * What every benchmark of a run shares: the options, the broker (started once per run), the order topics (each
 * produced once, on first use) and Flowdeck's connection to the broker, opened as the app opens one.
 */
public final class BenchmarkContext implements AutoCloseable {

    private final BenchmarkOptions options;
    private final String bootstrapServers;
    private final OrderTopics topics;
    private final ConnectionProfile profile;
    private final KafkaBrokerConnection connection;

    BenchmarkContext(BenchmarkOptions options, String bootstrapServers, Executor worker) {
        this.options = options;
        this.bootstrapServers = bootstrapServers;
        this.topics = new OrderTopics(bootstrapServers, options.compression());
        this.profile = ConnectionProfile.kafka("benchmarks", bootstrapServers);
        this.connection = KafkaBrokerConnection.open(profile, worker);
    }

    public BenchmarkOptions options() {
        return options;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** A topic of {@code records} order events, produced the first time it is asked for. */
    public OrderTopic orders(long records) {
        return topics.get(records);
    }

    /** Five topics an order's traced events pass through, {@code records} in all, produced on first use. */
    TracedOrderTopics.TracedTopics tracedOrders(long records) {
        return topics.traced(records);
    }

    /** The profile the connection was opened with (the replay's publisher names its cluster by it). */
    public ConnectionProfile profile() {
        return profile;
    }

    public KafkaBrokerConnection connection() {
        return connection;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } finally {
            topics.close();
        }
    }
}
