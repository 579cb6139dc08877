package dev.flowdeck.benchmarks;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Every message of a destination, read the way the app reads one: through the connection's browse, once. */
final class BrowseAll {

    private BrowseAll() {
    }

    /** @throws IllegalStateException when the destination held other than {@code expected} messages */
    static List<BrowsedMessage> read(BrokerConnection connection, String destination, long expected,
                                     Duration patience) throws Exception {
        var messages = new ArrayList<BrowsedMessage>(Math.toIntExact(expected));
        each(connection, destination, expected, patience, messages::add);
        return messages;
    }

    /**
     * Hands every message to {@code each} on the reading thread as it is read, keeping none.
     *
     * @throws IllegalStateException when the destination held other than {@code expected} messages
     */
    static void each(BrokerConnection connection, String destination, long expected, Duration patience,
                     Consumer<BrowsedMessage> each) throws Exception {
        var read = new AtomicLong();
        var done = new CompletableFuture<Void>();
        connection.browse(BrowseRequest.fromBeginning(destination).limitedTo(expected))
                .subscribe(new Flow.Subscriber<MessageBatch>() {
                    @Override
                    public void onSubscribe(Flow.Subscription subscription) {
                        subscription.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(MessageBatch batch) {
                        batch.messages().forEach(each);
                        read.addAndGet(batch.messages().size());
                    }

                    @Override
                    public void onError(Throwable failure) {
                        done.completeExceptionally(failure);
                    }

                    @Override
                    public void onComplete() {
                        done.complete(null);
                    }
                });
        done.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        if (read.get() != expected) {
            throw new IllegalStateException("Read " + read.get() + " messages of " + destination + ", expected "
                    + expected);
        }
    }
}
