package dev.flowdeck.connectors.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.flowdeck.core.decode.ContentDecoding;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.BrowseSubscription;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.decode.DecodedValue;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * One browse of a queue on a channel of its own, run on a connector thread. Subclasses read; this class keeps the
 * Reactive Streams bookkeeping (demand, one terminal signal, nothing after cancel) and always closes the channel,
 * which hands back to the queue whatever the browse still holds.
 */
abstract class AmqpBrowse extends BrowseSubscription {

    static final int BATCH = 200;
    /**
     * A batch takes no more messages once they weigh this much (the last one may take it past, by one value): a few
     * kilobytes of gzip may inflate to 10 MB ({@link ContentDecoding#MAX_INFLATED}), and 200 of them held at once
     * would be 2 GB. The browser keeps 64 KB of each; only a batch on its way to it holds more.
     */
    static final long BATCH_BYTES = 32L * 1024 * 1024;

    protected final BrowseRequest request;
    private final Connection connection;
    private final Consumer<AmqpBrowse> onFinished;
    private final RabbitEndpoint endpoint;
    /** How values are read by their content type and encoding (set before the browse runs). */
    protected ContentDecoding content = ContentDecoding.PLAIN;

    AmqpBrowse(Connection connection, BrowseRequest request, Flow.Subscriber<? super MessageBatch> subscriber,
               Consumer<AmqpBrowse> onFinished, RabbitEndpoint endpoint) {
        super(subscriber);
        this.connection = connection;
        this.request = request;
        this.onFinished = onFinished;
        this.endpoint = endpoint;
    }

    /**
     * What a message holds in memory: its bytes, and its value as read out of them (inflated, say) where that is
     * made already; weighing a value never makes its JSON.
     */
    static long weight(BrowsedMessage message) {
        DecodedValue decoded = message.decoded();
        boolean made = decoded != null && decoded.isRead() && decoded.jsonMade();
        return message.sizeInBytes() + (made ? decoded.json().length : 0);
    }

    AmqpBrowse readingValuesWith(ContentDecoding decoding) {
        this.content = decoding;
        return this;
    }

    @Override
    public final void run() {
        try {
            // Closed before completion is signalled: the close waits for the broker, which by then owns again
            // everything the browse held (a classic queue may take a moment more to count it as ready).
            try (Channel channel = connection.createChannel()) {
                read(channel);
            }
            signalComplete();
        } catch (Exception | Error e) {
            if (!demand.isCancelled()) {
                signalError(RabbitErrors.explain(e, endpoint));
            }
        } finally {
            onFinished.accept(this);
            finish();
        }
    }

    /** Reads on {@code channel} until the range is done or the browse is cancelled; returns to complete. */
    abstract void read(Channel channel) throws Exception;
}
