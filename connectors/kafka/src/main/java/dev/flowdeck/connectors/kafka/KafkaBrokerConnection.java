package dev.flowdeck.connectors.kafka;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.ClusterOverview;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.TopicSummary;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * A Kafka cluster seen through one {@link Admin} client.
 *
 * <p>The admin client has a single I/O thread that also completes its futures: nothing here runs in its callbacks
 * beyond issuing the next request. Every result hops to the {@code worker} executor (owned by the app) before it
 * is computed on, and callers receive stages that complete there.
 */
public final class KafkaBrokerConnection implements BrokerConnection {

    static final Duration API_TIMEOUT = Duration.ofSeconds(15);

    private final Admin admin;
    private final Executor worker;
    private final String bootstrapServers;
    private final AtomicBoolean closed = new AtomicBoolean();

    private KafkaBrokerConnection(Admin admin, Executor worker, String bootstrapServers) {
        this.admin = admin;
        this.worker = worker;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Opens a connection. Creating the client does not contact the broker; the first call does, and fails with an
     * operator-readable {@link dev.flowdeck.core.broker.BrokerException} if the cluster cannot be reached.
     */
    public static KafkaBrokerConnection open(ConnectionProfile profile, Executor worker) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, profile.bootstrapServers());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "flowdeck-admin");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) API_TIMEOUT.toMillis() * 2 / 3);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) API_TIMEOUT.toMillis());
        // An operator watching a dead cluster should not see the client hammer it.
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5_000);
        return new KafkaBrokerConnection(Admin.create(config), worker, profile.bootstrapServers());
    }

    @Override
    public CompletionStage<ClusterOverview> describeCluster() {
        var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) API_TIMEOUT.toMillis()));
        var clusterId = stage(cluster.clusterId());
        var nodes = stage(cluster.nodes());
        var features = stage(admin.describeFeatures().featureMetadata());
        return CompletableFuture.allOf(clusterId, nodes, features)
                .thenApplyAsync(ignored -> {
                    FinalizedVersionRange metadata = features.join().finalizedFeatures().get("metadata.version");
                    String version = KafkaVersions.describe(metadata == null ? null : metadata.maxVersionLevel());
                    String id = clusterId.join();
                    return new ClusterOverview(id == null ? "(none)" : id, version, nodes.join().size());
                }, worker)
                .exceptionallyCompose(this::explain);
    }

    @Override
    public CompletionStage<List<TopicSummary>> listTopics() {
        return onWorker(admin.listTopics().names())
                .thenCompose(names -> onWorker(admin.describeTopics(names).allTopicNames()))
                .thenCompose(this::withMessageCounts)
                .exceptionallyCompose(this::explain);
    }

    private CompletionStage<List<TopicSummary>> withMessageCounts(Map<String, TopicDescription> topics) {
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        topics.values().forEach(topic -> topic.partitions().forEach(partition -> {
            var tp = new TopicPartition(topic.name(), partition.partition());
            earliest.put(tp, OffsetSpec.earliest());
            latest.put(tp, OffsetSpec.latest());
        }));
        var starts = stage(admin.listOffsets(earliest).all());
        var ends = stage(admin.listOffsets(latest).all());
        return CompletableFuture.allOf(starts, ends).thenApplyAsync(ignored -> {
            Map<TopicPartition, ListOffsetsResultInfo> start = starts.join();
            Map<TopicPartition, ListOffsetsResultInfo> end = ends.join();
            Map<String, Long> counts = new HashMap<>();
            end.forEach((tp, info) -> {
                long from = start.containsKey(tp) ? start.get(tp).offset() : 0;
                counts.merge(tp.topic(), Math.max(0, info.offset() - from), Long::sum);
            });
            return topics.values().stream()
                    .map(topic -> new TopicSummary(topic.name(), topic.partitions().size(),
                            topic.partitions().isEmpty() ? 0 : topic.partitions().getFirst().replicas().size(),
                            counts.getOrDefault(topic.name(), 0L)))
                    .sorted(Comparator.comparing(TopicSummary::name))
                    .toList();
        }, worker);
    }

    /** Leaves the admin client's I/O thread at once: whatever comes next runs on the worker. */
    private <T> CompletableFuture<T> onWorker(KafkaFuture<T> future) {
        return stage(future).thenApplyAsync(value -> value, worker);
    }

    private static <T> CompletableFuture<T> stage(KafkaFuture<T> future) {
        return future.toCompletionStage().toCompletableFuture();
    }

    private <T> CompletionStage<T> explain(Throwable failure) {
        return CompletableFuture.failedFuture(KafkaErrors.explain(failure, bootstrapServers, closed.get()));
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
