package dev.flowdeck.views.browser;

import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.broker.UnusedConnection;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.browse.PartitionOffsets;
import dev.flowdeck.core.publish.OutgoingMessage;
import dev.flowdeck.core.publish.PublishReceipt;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A connection for the browser view model's unit tests: each browse plays the batches it was given on a thread of
 * its own, then completes or fails, and stops when cancelled. Broker behaviour is tested against real brokers in the
 * connectors' and the app's integration tests; this only drives the view model's logic.
 */
final class ScriptedConnection extends UnusedConnection {

    final List<BrowseRequest> requests = new CopyOnWriteArrayList<>();
    final AtomicBoolean cancelled = new AtomicBoolean();
    volatile List<MessageBatch> script = List.of();
    final List<OutgoingMessage> published = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile BrokerException failAtEnd;
    /** When set, a browse waits for it after its batches instead of completing (a live tail). */
    volatile CountDownLatch holdOpen;
    volatile List<PartitionOffsets> ranges = List.of();

    @Override
    public Flow.Publisher<MessageBatch> browse(BrowseRequest request) {
        requests.add(request);
        List<MessageBatch> batches = script;
        return subscriber -> {
            var stop = new AtomicBoolean();
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                    stop.set(true);
                    cancelled.set(true);
                }
            });
            Thread.ofPlatform().daemon().name("scripted-browse").start(() -> {
                for (MessageBatch batch : batches) {
                    if (stop.get()) {
                        return;
                    }
                    subscriber.onNext(batch);
                }
                CountDownLatch hold = holdOpen;
                if (hold != null) {
                    try {
                        hold.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (stop.get()) {
                    return;
                }
                if (failAtEnd != null) {
                    subscriber.onError(failAtEnd);
                } else {
                    subscriber.onComplete();
                }
            });
        };
    }

    @Override
    public CompletionStage<List<PartitionOffsets>> partitionOffsets(String destination) {
        return CompletableFuture.completedFuture(ranges);
    }

    @Override
    public CompletionStage<PublishReceipt> publish(OutgoingMessage message) {
        published.add(message);
        return CompletableFuture.completedFuture(new PublishReceipt(message.destination(), 0, 1));
    }

}
