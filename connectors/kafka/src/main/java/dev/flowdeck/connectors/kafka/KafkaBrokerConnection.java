package dev.flowdeck.connectors.kafka;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.core.broker.Capabilities;
import dev.flowdeck.core.broker.ClusterOverview;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Credentials;
import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.browse.NoSubscription;
import dev.flowdeck.core.browse.PartitionOffsets;
import dev.flowdeck.core.browse.SingleUsePublisher;
import dev.flowdeck.core.concurrent.NamedThreadFactory;
import dev.flowdeck.core.decode.ValueDecoder;
import dev.flowdeck.core.lag.ConsumerGroupLag;
import dev.flowdeck.core.offsets.OffsetResetPlan;
import dev.flowdeck.core.offsets.OffsetResetTarget;
import dev.flowdeck.core.publish.OutgoingMessage;
import dev.flowdeck.core.publish.PublishReceipt;
import dev.flowdeck.core.publish.ReadOnlyProfileException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * A Kafka cluster behind the broker API.
 *
 * <p>Threads: the admin client has a single I/O thread that also completes its futures, so nothing runs in its
 * callbacks beyond issuing the next request; every result hops to the {@code worker} executor (owned by the app)
 * before it is computed on. Each browse runs its own consumer on its own thread (a consumer is single-threaded),
 * from a pool this connection owns and shuts down on {@link #close()}. Lag in time is read by one more consumer on
 * one more thread the connection owns ({@link TimeLagReader}). The producer is created on first publish; records
 * reach it from the worker and its answers go back through the worker, a queue's worth per hop ({@link KafkaSends}):
 * nothing of a caller's runs on the producer's I/O thread.
 */
public final class KafkaBrokerConnection implements BrokerConnection {

    /** Every failure the operator waits for reaches the screen within 10 s. */
    static final Duration API_TIMEOUT = Duration.ofSeconds(9);

    private static final AtomicInteger TIME_LAG_CONSUMERS = new AtomicInteger();

    private final ConnectionProfile profile;
    private final KafkaClientConfig config;
    private final Admin admin;
    private final Executor worker;
    private final KafkaOffsetReset offsetReset;
    private final TimeLagReader timeLag;
    private final ExecutorService browseThreads =
            Executors.newThreadPerTaskExecutor(NamedThreadFactory.background("flowdeck-kafka-browse"));
    private final Set<KafkaBrowse> activeBrowses = ConcurrentHashMap.newKeySet();
    private final AtomicInteger browseCounter = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private KafkaProducer<byte[], byte[]> producer;
    private final KafkaSends sends;
    private volatile ValueDecoder decoder = ValueDecoder.NONE;

    private KafkaBrokerConnection(ConnectionProfile profile, Credentials credentials, Executor worker,
                                  TimeLagBudget budget) {
        this.profile = profile;
        this.config = new KafkaClientConfig(profile, credentials);
        this.admin = Admin.create(config.admin());
        this.worker = worker;
        this.offsetReset = new KafkaOffsetReset(admin, worker, profile);
        this.timeLag = new TimeLagReader(config.timeLag(TIME_LAG_CONSUMERS.incrementAndGet()), budget);
        this.sends = new KafkaSends(worker, this::producer,
                failure -> KafkaErrors.explain(failure, profile.address(), closed.get()));
    }

    /**
     * Opens a connection. Creating the client does not contact the broker; the first call does, and fails with an
     * operator-readable {@link dev.flowdeck.core.broker.BrokerException} if the cluster cannot be reached.
     */
    public static KafkaBrokerConnection open(ConnectionProfile profile, Credentials credentials, Executor worker) {
        return new KafkaBrokerConnection(profile, credentials, worker, TimeLagBudget.DEFAULT);
    }

    /** For tests: a connection whose rounds spend at most {@code budget} on lag in time. */
    static KafkaBrokerConnection open(ConnectionProfile profile, Executor worker, TimeLagBudget budget) {
        return new KafkaBrokerConnection(profile, Credentials.NONE, worker, budget);
    }

    /** A connection without credentials (PLAINTEXT, TLS without a client login, or a JAAS line of its own). */
    public static KafkaBrokerConnection open(ConnectionProfile profile, Executor worker) {
        return open(profile, Credentials.NONE, worker);
    }

    /**
     * Reads values written with a schema (a schema registry's Avro or Protobuf) into JSON in every browse started
     * from now on: on the browse's filter pool, before its filter. The composition root builds the decoder from
     * the profile (the {@code schemas} module); without one, values are shown as their bytes say.
     */
    public KafkaBrokerConnection decodingValuesWith(ValueDecoder valueDecoder) {
        this.decoder = java.util.Objects.requireNonNull(valueDecoder, "valueDecoder");
        return this;
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
    public CompletionStage<List<Destination>> listDestinations() {
        return onWorker(admin.listTopics().names())
                .thenCompose(names -> onWorker(admin.describeTopics(names).allTopicNames()))
                .thenCompose(topics -> new KafkaTopicReader(admin, worker).summarize(topics))
                .exceptionallyCompose(this::explain);
    }

    @Override
    public Flow.Publisher<MessageBatch> browse(BrowseRequest request) {
        return new SingleUsePublisher<>(subscriber -> {
            if (closed.get()) {
                subscriber.onSubscribe(NoSubscription.INSTANCE);
                subscriber.onError(KafkaErrors.explain(new IllegalStateException(), profile.address(), true));
                return;
            }
            var browse = new KafkaBrowse(config.browser(browseCounter.incrementAndGet()), request, subscriber,
                    activeBrowses::remove, profile.address(), decoder);
            activeBrowses.add(browse);
            subscriber.onSubscribe(browse);
            try {
                browseThreads.execute(browse);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                activeBrowses.remove(browse);
                subscriber.onError(KafkaErrors.explain(closing, profile.address(), true));
            }
        });
    }

    @Override
    public CompletionStage<List<PartitionOffsets>> partitionOffsets(String topic) {
        return onWorker(admin.describeTopics(List.of(topic)).allTopicNames())
                .thenCompose(described -> {
                    var earliest = new HashMap<TopicPartition, OffsetSpec>();
                    var latest = new HashMap<TopicPartition, OffsetSpec>();
                    for (var partition : described.get(topic).partitions()) {
                        var tp = new TopicPartition(topic, partition.partition());
                        earliest.put(tp, OffsetSpec.earliest());
                        latest.put(tp, OffsetSpec.latest());
                    }
                    var lows = stage(admin.listOffsets(earliest).all());
                    var highs = stage(admin.listOffsets(latest).all());
                    return lows.thenCombineAsync(highs, (low, high) -> low.keySet().stream()
                            .map(tp -> new PartitionOffsets(tp.partition(), low.get(tp).offset(),
                                    high.get(tp).offset()))
                            .sorted(Comparator.comparingInt(PartitionOffsets::partition))
                            .toList(), worker);
                })
                .exceptionallyCompose(failure -> Failures.unwrap(failure) instanceof UnknownTopicOrPartitionException
                        ? CompletableFuture.failedFuture(new BrokerException(
                                "Topic '" + topic + "' does not exist on " + profile.address() + ".", failure))
                        : explain(failure));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Each partition with lag also says when its oldest waiting record was written, read from the record at
     * the committed offset (the first record still in the log where there is no commit or retention deleted it).
     * Telling the ages takes at most 1 s a round, largest lags first; those it could not tell stay unknown.
     */
    @Override
    public CompletionStage<List<ConsumerGroupLag>> consumerGroups() {
        if (closed.get()) {
            return explain(new IllegalStateException("closed"));
        }
        return new KafkaLagReader(admin, worker, timeLag).read().exceptionallyCompose(this::explain);
    }

    /** For tests: what the last round did to tell the ages of waiting records. */
    TimeLagLookups lastTimeLagLookups() {
        return timeLag.lastLookups();
    }

    @Override
    public CompletionStage<OffsetResetPlan> previewOffsetReset(String group, OffsetResetTarget target) {
        return offsetReset.preview(group, target).exceptionallyCompose(this::explain);
    }

    @Override
    public CompletionStage<OffsetResetPlan> resetOffsets(OffsetResetPlan plan) {
        return offsetReset.apply(plan).exceptionallyCompose(this::explain);
    }

    @Override
    public CompletionStage<PublishReceipt> publish(OutgoingMessage message) {
        if (profile.readOnly()) {
            return CompletableFuture.failedFuture(
                    new ReadOnlyProfileException(profile.name(), "publishing to " + message.destination()));
        }
        if (!message.properties().isEmpty()) {
            return CompletableFuture.failedFuture(new BrokerException(
                    "Kafka records have no properties such as " + message.properties().keySet()
                            + ": send them as headers instead.", null));
        }
        var record = new ProducerRecord<>(message.destination(),
                message.partition().isPresent() ? message.partition().getAsInt() : null, message.key(),
                message.value());
        message.headers().forEach(header -> record.headers().add(header.name(), header.value()));
        return sends.send(record);
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (closed.get()) {
            throw new IllegalStateException("closed");
        }
        if (producer == null) {
            producer = new KafkaProducer<>(config.producer());
        }
        return producer;
    }

    /** Leaves the admin client's I/O thread at once: whatever comes next runs on the worker. */
    private <T> CompletableFuture<T> onWorker(KafkaFuture<T> future) {
        return stage(future).thenApplyAsync(value -> value, worker);
    }

    static <T> CompletableFuture<T> stage(KafkaFuture<T> future) {
        return future.toCompletionStage().toCompletableFuture();
    }

    private <T> CompletionStage<T> explain(Throwable failure) {
        return CompletableFuture.failedFuture(KafkaErrors.explain(failure, profile.address(), closed.get()));
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            activeBrowses.forEach(KafkaBrowse::cancel);
            browseThreads.shutdown();
            timeLag.close();
            synchronized (this) {
                if (producer != null) {
                    producer.close(Duration.ofSeconds(2));
                }
            }
            admin.close(Duration.ofSeconds(2));
        }
    }
}
