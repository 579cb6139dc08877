package dev.flowdeck.cli;

import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.core.browse.MessageBatch;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;

/**
 * Drives one browse from the command's own thread: batches are handed over from the connector's thread and
 * handled here (nothing is written on a connector's thread), one batch of demand at a time, so a slow terminal or
 * pipe slows the read instead of filling memory.
 */
final class BrowseRun implements Flow.Subscriber<MessageBatch> {

    private sealed interface Signal permits Next, Failed, Ended {
    }

    private record Next(MessageBatch batch) implements Signal {
    }

    private record Failed(Throwable failure) implements Signal {
    }

    private record Ended() implements Signal {
    }

    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;

    /**
     * Reads until the browse ends, {@code handler} says stop (false), or {@link #stop()} is called.
     *
     * @throws BrokerException what the browse failed with, as the connector worded it
     */
    void run(Flow.Publisher<MessageBatch> browse, Predicate<MessageBatch> handler) throws InterruptedException {
        browse.subscribe(this);
        while (true) {
            switch (signals.take()) {
                case Next next -> {
                    if (!handler.test(next.batch())) {
                        subscription.cancel();
                        return;
                    }
                    subscription.request(1);
                }
                case Failed failed -> throw failed.failure() instanceof BrokerException broker ? broker
                        : new BrokerException(Failures.sentence(failed.failure()), failed.failure());
                case Ended ignored -> {
                    return;
                }
            }
        }
    }

    /** Ends the read from another thread (Ctrl-C): {@link #run} returns as if the browse had completed. */
    void stop() {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
        signals.add(new Ended());
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(MessageBatch batch) {
        signals.add(new Next(batch));
    }

    @Override
    public void onError(Throwable failure) {
        signals.add(new Failed(failure));
    }

    @Override
    public void onComplete() {
        signals.add(new Ended());
    }
}
