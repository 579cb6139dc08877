package dev.flowdeck.connectors.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.Demand;
import dev.flowdeck.core.browse.MessageBatch;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One browse of a queue on a channel of its own, run on a connector thread. Subclasses read; this class keeps the
 * Reactive Streams bookkeeping (demand, one terminal signal, nothing after cancel) and always closes the channel,
 * which hands back to the queue whatever the browse still holds.
 */
abstract class AmqpBrowse implements Flow.Subscription, Runnable {

    static final int BATCH = 200;

    protected final BrowseRequest request;
    protected final Demand demand = new Demand();
    private final Connection connection;
    private final Flow.Subscriber<? super MessageBatch> subscriber;
    private final Consumer<AmqpBrowse> onFinished;
    private final RabbitEndpoint endpoint;
    private final AtomicBoolean terminated = new AtomicBoolean();

    AmqpBrowse(Connection connection, BrowseRequest request, Flow.Subscriber<? super MessageBatch> subscriber,
               Consumer<AmqpBrowse> onFinished, RabbitEndpoint endpoint) {
        this.connection = connection;
        this.request = request;
        this.subscriber = subscriber;
        this.onFinished = onFinished;
        this.endpoint = endpoint;
    }

    @Override
    public void request(long n) {
        try {
            demand.add(n);
        } catch (IllegalArgumentException e) {
            cancel();
            signalError(e);
        }
    }

    @Override
    public void cancel() {
        demand.cancel();
    }

    @Override
    public final void run() {
        try {
            // Closed before completion is signalled: the close waits for the broker, which by then owns again
            // everything the browse held (a classic queue may take a moment more to count it as ready).
            try (Channel channel = connection.createChannel()) {
                read(channel);
            }
            if (!demand.isCancelled() && terminated.compareAndSet(false, true)) {
                subscriber.onComplete();
            }
        } catch (Exception e) {
            if (!demand.isCancelled()) {
                signalError(RabbitErrors.explain(e, endpoint));
            }
        } finally {
            onFinished.accept(this);
        }
    }

    /** Reads on {@code channel} until the range is done or the browse is cancelled; returns to complete. */
    abstract void read(Channel channel) throws Exception;

    /** Hands a batch over if the subscriber still wants it; false once cancelled. */
    protected boolean deliver(MessageBatch batch) {
        if (demand.isCancelled()) {
            return false;
        }
        demand.take();
        subscriber.onNext(batch);
        return true;
    }

    private void signalError(Throwable failure) {
        if (terminated.compareAndSet(false, true)) {
            subscriber.onError(failure);
        }
    }
}
