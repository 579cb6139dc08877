package dev.flowdeck.benchmarks;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.BrokerKind;
import dev.flowdeck.core.broker.Capabilities;
import dev.flowdeck.core.broker.ClusterOverview;
import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.broker.QueueHold;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.browse.PartitionOffsets;
import dev.flowdeck.core.lag.ConsumerGroupLag;
import dev.flowdeck.core.offsets.OffsetResetPlan;
import dev.flowdeck.core.offsets.OffsetResetTarget;
import dev.flowdeck.core.publish.OutgoingMessage;
import dev.flowdeck.core.publish.PublishReceipt;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;

/**
 * A connection that counts the CPU time of the threads its browses deliver on: the connector's reading threads,
 * where a subscriber that reads its batches in {@code onNext} (the trace index) also does that work. A thread's time
 * is taken when it delivers each batch and when it ends the browse, as the total since it started: the Kafka
 * connector starts a thread for each browse, so that is the browse's time (closing the consumer after the end is
 * left out). Everything else is passed on.
 */
final class ReadingThreadsCpu implements BrokerConnection {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final BrokerConnection connection;
    /** Each reading thread's CPU time at its last signal. */
    private final Map<Thread, Long> nanos = new ConcurrentHashMap<>();

    ReadingThreadsCpu(BrokerConnection connection) {
        this.connection = connection;
    }

    /** The reading threads' CPU time so far. */
    Duration cpu() {
        return Duration.ofNanos(nanos.values().stream().mapToLong(Long::longValue).sum());
    }

    @Override
    public Flow.Publisher<MessageBatch> browse(BrowseRequest request) {
        Flow.Publisher<MessageBatch> browse = connection.browse(request);
        return subscriber -> browse.subscribe(new Flow.Subscriber<MessageBatch>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(MessageBatch batch) {
                subscriber.onNext(batch);
                note();
            }

            @Override
            public void onError(Throwable failure) {
                note();
                subscriber.onError(failure);
            }

            @Override
            public void onComplete() {
                note();
                subscriber.onComplete();
            }
        });
    }

    private void note() {
        nanos.put(Thread.currentThread(), THREADS.getCurrentThreadCpuTime());
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
