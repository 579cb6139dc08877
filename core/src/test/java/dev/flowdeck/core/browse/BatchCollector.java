package dev.flowdeck.core.browse;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/** A test subscriber for browses: asks for what it is told to, records every signal. Shared as core's test jar. */
public final class BatchCollector implements Flow.Subscriber<MessageBatch> {

    public final List<MessageBatch> batches = new CopyOnWriteArrayList<>();
    public final CompletableFuture<Void> done = new CompletableFuture<>();
    public final AtomicInteger batchesAfterCancel = new AtomicInteger();
    /** The threads that handed over batches holding messages. */
    public final Set<Thread> deliveredOn = ConcurrentHashMap.newKeySet();
    private final long initialDemand;
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;

    public BatchCollector(long initialDemand) {
        this.initialDemand = initialDemand;
    }

    public static BatchCollector unbounded() {
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
        if (!batch.messages().isEmpty()) {
            deliveredOn.add(Thread.currentThread());
        }
    }

    @Override
    public void onError(Throwable failure) {
        done.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        done.complete(null);
    }

    public void request(long n) {
        subscription.request(n);
    }

    public void cancel() {
        subscription.cancel();
        cancelled = true;
    }

    public List<BrowsedMessage> messages() {
        return batches.stream().flatMap(batch -> batch.messages().stream()).toList();
    }
}
