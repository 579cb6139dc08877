package dev.flowdeck.replayconnect;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageBatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Predicate;

/**
 * Subscribes to a browse one batch at a time and answers whether a message matched: true (and the browse is
 * cancelled) at the first match, false when the browse ends without one. Runs on the connector's browse thread and
 * does nothing there but look at headers.
 */
final class FirstMatch implements Flow.Subscriber<MessageBatch> {

    private final Predicate<BrowsedMessage> wanted;
    private final CompletableFuture<Boolean> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    FirstMatch(Predicate<BrowsedMessage> wanted) {
        this.wanted = wanted;
    }

    CompletionStage<Boolean> result() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(MessageBatch batch) {
        if (result.isDone()) {
            return;
        }
        if (batch.messages().stream().anyMatch(wanted)) {
            result.complete(true);
            subscription.cancel();
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onError(Throwable failure) {
        result.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        result.complete(false);
    }
}
