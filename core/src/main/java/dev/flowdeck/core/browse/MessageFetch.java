package dev.flowdeck.core.browse;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.filter.MessageFilter;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads one message again by its coordinates: the browser's "fetch in full" for a row whose value was cut (see
 * {@link KeptMessage}). It is a browse of one record from that offset, so it needs a broker that seeks by offset
 * (Kafka, a RabbitMQ stream); a classic or quorum queue has no offsets and cannot be asked for one message.
 */
public final class MessageFetch {

    private MessageFetch() {
    }

    /**
     * The message at {@code offset} of {@code partition}; empty when it is gone (deleted by retention, or
     * compacted away) and the next one read has another offset.
     */
    public static CompletionStage<Optional<BrowsedMessage>> at(BrokerConnection connection, String destination,
                                                               int partition, long offset) {
        var request = new BrowseRequest(destination, new StartPosition.Offset(offset), Set.of(partition), false, 1,
                MessageFilter.ALL);
        var result = new CompletableFuture<Optional<BrowsedMessage>>();
        connection.browse(request).subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                this.subscription = subscription;
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(MessageBatch batch) {
                for (BrowsedMessage message : batch.messages()) {
                    result.complete(message.offset() == offset ? Optional.of(message) : Optional.empty());
                    subscription.cancel();
                    return;
                }
            }

            @Override
            public void onError(Throwable failure) {
                result.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                result.complete(Optional.empty());
            }
        });
        return result;
    }
}
