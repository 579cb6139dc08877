package dev.flowdeck.views.trace;

import dev.flowdeck.core.broker.ClusterOverview;
import dev.flowdeck.core.broker.Destination;
import dev.flowdeck.core.broker.TopicSummary;
import dev.flowdeck.core.broker.UnusedConnection;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.browse.PartitionOffsets;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A cluster for the trace tests: topics with scripted batches, each browse played on a thread of its own. A topic
 * named in {@link #holdOpen} keeps its browse open after its batches until cancelled, like a long scan.
 */
final class ScriptedTraces extends UnusedConnection {

    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    final Map<String, List<MessageBatch>> topics = new LinkedHashMap<>();
    final List<BrowseRequest> requests = new CopyOnWriteArrayList<>();
    final AtomicBoolean cancelled = new AtomicBoolean();
    final CountDownLatch holding = new CountDownLatch(1);
    volatile String holdOpen = "";

    ScriptedTraces topic(String name, BrowsedMessage... messages) {
        topics.put(name, List.of(new MessageBatch(List.of(messages), messages.length, messages.length, -1)));
        return this;
    }

    /** A record of {@code topic} at {@code millis} after T0 carrying the W3C trace {@code trace} (hex, padded). */
    static BrowsedMessage traced(String topic, long offset, long millis, String trace, String... extraHeaders) {
        List<MessageHeader> headers = new ArrayList<>();
        headers.add(header("traceparent", "00-%32s-%016x-01".formatted(trace, offset + 1).replace(' ', '0')));
        for (int i = 0; i < extraHeaders.length; i += 2) {
            headers.add(header(extraHeaders[i], extraHeaders[i + 1]));
        }
        return new BrowsedMessage(topic, 0, offset, T0.plusMillis(millis), null, null, headers);
    }

    /** An untraced record joined only by its correlation id. */
    static BrowsedMessage keyed(String topic, long offset, long millis, String correlationId) {
        return new BrowsedMessage(topic, 0, offset, T0.plusMillis(millis), null, null,
                List.of(header("correlation-id", correlationId)));
    }

    static MessageHeader header(String name, String value) {
        return new MessageHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public CompletionStage<List<Destination>> listDestinations() {
        List<Destination> listed = new ArrayList<>();
        listed.add(new TopicSummary("__consumer_offsets", 50, 1, 0));
        topics.keySet().forEach(name -> listed.add(new TopicSummary(name, 1, 1, topics.get(name).size())));
        return CompletableFuture.completedFuture(listed);
    }

    @Override
    public Flow.Publisher<MessageBatch> browse(BrowseRequest request) {
        requests.add(request);
        List<MessageBatch> batches = topics.getOrDefault(request.destination(), List.of());
        boolean hold = holdOpen.equals(request.destination());
        return subscriber -> {
            var stop = new CountDownLatch(1);
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                    cancelled.set(true);
                    stop.countDown();
                }
            });
            Thread.ofPlatform().daemon().name("scripted-trace-browse").start(() -> {
                for (MessageBatch batch : batches) {
                    if (stop.getCount() == 0) {
                        return;
                    }
                    subscriber.onNext(batch);
                }
                if (hold) {
                    holding.countDown();
                    try {
                        stop.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return;
                }
                subscriber.onComplete();
            });
        };
    }

    @Override
    public CompletionStage<ClusterOverview> describeCluster() {
        return CompletableFuture.completedFuture(new ClusterOverview("scripted", "4.1", 1));
    }

    @Override
    public CompletionStage<List<PartitionOffsets>> partitionOffsets(String destination) {
        return CompletableFuture.completedFuture(List.of()); // the browser's partitions pane asks; none shown
    }

}
