package dev.flowdeck.connectors.rabbitmq;

import dev.flowdeck.core.browse.MessageBatch;
import java.util.concurrent.Flow;

/**
 * The subscription a subscriber holds while the connector finds out what kind of queue it is reading. Demand and
 * a cancel that arrive meanwhile are passed on to the real browse when it takes over.
 */
final class PendingBrowse implements Flow.Subscription {

    private final Flow.Subscriber<? super MessageBatch> subscriber;
    private long demand;
    private boolean cancelled;
    private boolean failed;
    private AmqpBrowse browse;

    PendingBrowse(Flow.Subscriber<? super MessageBatch> subscriber) {
        this.subscriber = subscriber;
    }

    @Override
    public void request(long n) {
        synchronized (this) {
            if (browse != null) {
                browse.request(n);
                return;
            }
            if (n > 0) {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                return;
            }
            if (failed) {
                return;
            }
            cancelled = true;
            failed = true;
        }
        subscriber.onError(new IllegalArgumentException(
                "request(n) needs n > 0 (Reactive Streams rule 3.9), was " + n));
    }

    @Override
    public synchronized void cancel() {
        cancelled = true;
        if (browse != null) {
            browse.cancel();
        }
    }

    /** Passes on what was asked so far; false if the subscriber cancelled already (then nothing runs). */
    synchronized boolean handOver(AmqpBrowse real) {
        if (cancelled || failed) {
            return false;
        }
        browse = real;
        if (demand > 0) {
            real.request(demand);
        }
        return true;
    }

    void fail(Throwable failure) {
        synchronized (this) {
            if (cancelled || failed || browse != null) {
                return;
            }
            failed = true;
        }
        subscriber.onError(failure);
    }
}
