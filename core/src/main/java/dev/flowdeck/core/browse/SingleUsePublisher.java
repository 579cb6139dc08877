package dev.flowdeck.core.browse;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A publisher that starts its work for the first subscriber only; a second one is told so (a browse is one read,
 * not a broadcast).
 */
public final class SingleUsePublisher<T> implements Flow.Publisher<T> {

    private final Consumer<Flow.Subscriber<? super T>> start;
    private final AtomicBoolean used = new AtomicBoolean();

    public SingleUsePublisher(Consumer<Flow.Subscriber<? super T>> start) {
        this.start = start;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        if (used.compareAndSet(false, true)) {
            start.accept(subscriber);
        } else {
            subscriber.onSubscribe(NoSubscription.INSTANCE);
            subscriber.onError(new IllegalStateException("This browse already has a subscriber; start a new one."));
        }
    }
}
