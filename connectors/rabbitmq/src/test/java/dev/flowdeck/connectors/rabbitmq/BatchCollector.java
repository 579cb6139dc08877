package dev.flowdeck.connectors.rabbitmq;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageBatch;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/** A test subscriber: asks for what it is told to, records every signal. */
final class BatchCollector implements Flow.Subscriber<MessageBatch> {

    final List<MessageBatch> batches = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> done = new CompletableFuture<>();
    final AtomicInteger batchesAfterCancel = new AtomicInteger();
    private final long initialDemand;
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;

    BatchCollector(long initialDemand) {
        this.initialDemand = initialDemand;
    }

    static BatchCollector unbounded() {
        return new BatchCollector(Long.MAX_VALUE);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (initialDemand > 0) {
            s.request(initialDemand);
        }
    }

    @Override
    public void onNext(MessageBatch batch) {
        if (cancelled) {
            batchesAfterCancel.incrementAndGet();
        }
        batches.add(batch);
    }

    @Override
    public void onError(Throwable failure) {
        done.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        done.complete(null);
    }

    void request(long n) {
        subscription.request(n);
    }

    void cancel() {
        subscription.cancel();
        cancelled = true;
    }

    List<BrowsedMessage> messages() {
        return batches.stream().flatMap(batch -> batch.messages().stream()).toList();
    }
}
