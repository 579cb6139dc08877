package dev.flowdeck.benchmarks;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.ForwardingConnection;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.MessageBatch;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;

/**
 * A connection that counts the CPU time of the threads its browses deliver on: the connector's reading threads,
 * where a subscriber that reads its batches in {@code onNext} (the trace index) also does that work. A thread's time
 * is taken when it delivers each batch and when it ends the browse, as the total since it started: the Kafka
 * connector starts a thread for each browse, so that is the browse's time (closing the consumer after the end is
 * left out). Everything else is passed on.
 */
final class ReadingThreadsCpu extends ForwardingConnection {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Each reading thread's CPU time at its last signal. */
    private final Map<Thread, Long> nanos = new ConcurrentHashMap<>();

    ReadingThreadsCpu(BrokerConnection connection) {
        super(connection);
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
}
