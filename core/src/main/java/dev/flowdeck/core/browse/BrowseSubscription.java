package dev.flowdeck.core.browse;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Reactive Streams bookkeeping every connector's browse shares: the subscriber's demand, one terminal signal at
 * most, nothing delivered once cancelled. A subclass reads on its own thread ({@link #run()}) and calls
 * {@link #deliver}, {@link #signalComplete} and {@link #signalError}.
 */
public abstract class BrowseSubscription implements Flow.Subscription, Runnable {

    protected final Demand demand = new Demand();
    private final Flow.Subscriber<? super MessageBatch> subscriber;
    private final AtomicBoolean terminated = new AtomicBoolean();
    private volatile IllegalArgumentException invalidRequest;

    protected BrowseSubscription(Flow.Subscriber<? super MessageBatch> subscriber) {
        this.subscriber = subscriber;
    }

    @Override
    public final void request(long n) {
        try {
            demand.add(n);
        } catch (IllegalArgumentException e) {
            // Signalled by the reading thread when it stops (rule 1.3: signals never overlap), see finish().
            invalidRequest = e;
            cancel();
        }
    }

    @Override
    public final void cancel() {
        demand.cancel();
        onCancel();
    }

    /** Called on the cancelling thread right after a cancel: interrupt a blocking read here. */
    protected void onCancel() {
    }

    /** Hands a batch over unless the browse was cancelled; false once it was. */
    protected final boolean deliver(MessageBatch batch) {
        if (demand.isCancelled()) {
            return false;
        }
        demand.take();
        subscriber.onNext(batch);
        return true;
    }

    protected final void signalComplete() {
        if (!demand.isCancelled() && terminated.compareAndSet(false, true)) {
            subscriber.onComplete();
        }
    }

    /**
     * Call last on the reading thread, whatever happened: signals an invalid request if there was one, so the
     * subscriber always hears how its browse ended.
     */
    protected final void finish() {
        IllegalArgumentException invalid = invalidRequest;
        if (invalid != null) {
            signalError(invalid);
        }
    }

    protected final void signalError(Throwable failure) {
        if (terminated.compareAndSet(false, true)) {
            subscriber.onError(failure);
        }
    }
}
