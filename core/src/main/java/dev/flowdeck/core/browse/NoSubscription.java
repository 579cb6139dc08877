package dev.flowdeck.core.browse;

import java.util.concurrent.Flow;

/** Handed to a subscriber that is about to get {@code onError} at once (Reactive Streams rule 1.9). */
public enum NoSubscription implements Flow.Subscription {
    INSTANCE;

    @Override
    public void request(long n) {
    }

    @Override
    public void cancel() {
    }
}
