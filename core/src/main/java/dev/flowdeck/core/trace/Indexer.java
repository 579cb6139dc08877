package dev.flowdeck.core.trace;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.browse.ScanTally;
import dev.flowdeck.core.browse.StartPosition;
import dev.flowdeck.core.telemetry.TelemetryAttributes;
import dev.flowdeck.core.telemetry.TracedConnection;
import dev.flowdeck.core.telemetry.WorkSpans;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Fills a {@link ChainIndex} from the broker with the browser's own streaming scan, one destination after another.
 * It asks for one batch ahead of the one it indexes, so the connector reads while the index works and never more
 * than two batches wait in memory; a cancel ends the current browse at once and keeps what was indexed.
 */
public final class Indexer {

    private final BrokerConnection connection;
    private final Executor executor;

    /**
     * @param executor where the run indexes (one of its threads for the whole run, since the index is not
     *                 thread-safe); in the app, the broker I/O pool
     */
    public Indexer(BrokerConnection connection, Executor executor) {
        this.connection = connection;
        this.executor = executor;
    }

    /**
     * Starts indexing {@code window} into {@code index}. {@code progress} is told after every batch, on the
     * indexing thread (a view model hands it to the FX thread). The outcome completes when every destination was
     * read, the run was cancelled or the index filled up; it fails with the connector's {@link BrokerException}.
     * Read the index only after the outcome completes.
     */
    public Run start(IndexWindow window, ChainIndex index, Consumer<IndexProgress> progress) {
        var run = new Run(window, index, progress);
        // One span for the run; each destination's browse is its child, since the run's context is current on the
        // indexing thread (a no-op span while telemetry is off).
        Span span = TracedConnection.tracer(connection).spanBuilder("index trace chains")
                .setAttribute(TelemetryAttributes.MESSAGING_SYSTEM, TelemetryAttributes.system(connection.kind()))
                .setAttribute(DESTINATIONS, window.destinations())
                .startSpan();
        run.ended = WorkSpans.endWhen(span, run.outcome, (ended, outcome) -> {
            ended.setAttribute(TelemetryAttributes.SCANNED, outcome.scanned());
            ended.setAttribute(INDEXED, outcome.indexed());
            ended.setAttribute(TelemetryAttributes.OUTCOME, outcome.cancelled() ? "cancelled" : "completed");
        });
        executor.execute(Context.current().with(span).wrap(run::index));
        return run;
    }

    private static final AttributeKey<List<String>> DESTINATIONS =
            AttributeKey.stringArrayKey("flowdeck.index.destinations");
    private static final AttributeKey<Long> INDEXED = AttributeKey.longKey("flowdeck.index.indexed");

    /** One indexing run: its outcome, and the cancel button. */
    public final class Run {

        private final IndexWindow window;
        private final ChainIndex index;
        private final Consumer<IndexProgress> progress;
        private final CompletableFuture<IndexOutcome> outcome = new CompletableFuture<>();
        /** The outcome once the run's span has ended too: what callers see. */
        private CompletionStage<IndexOutcome> ended = outcome;
        private final List<String> notes = new ArrayList<>();
        private volatile boolean cancelled;
        private volatile Feed current;

        private Run(IndexWindow window, ChainIndex index, Consumer<IndexProgress> progress) {
            this.window = window;
            this.index = index;
            this.progress = progress;
        }

        public CompletionStage<IndexOutcome> outcome() {
            return ended;
        }

        /** Stops the run: the current browse is cancelled; the index keeps what was read. */
        public void cancel() {
            cancelled = true;
            Feed feed = current;
            if (feed != null) {
                feed.stop();
            }
        }

        private void index() {
            long scannedBefore = 0;
            int completed = 0;
            try {
                List<String> destinations = window.destinations();
                for (int i = 0; i < destinations.size() && !cancelled && !index.isFull(); i++) {
                    String destination = destinations.get(i);
                    long scanned = read(destination, i + 1, scannedBefore);
                    scannedBefore += scanned;
                    if (!cancelled && !index.isFull()) {
                        completed++;
                    }
                }
                notes.addAll(index.notes());
                outcome.complete(new IndexOutcome(scannedBefore, index.size(), completed, cancelled, notes));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome.complete(new IndexOutcome(scannedBefore, index.size(), completed, true, notes));
            } catch (RuntimeException failure) {
                outcome.completeExceptionally(failure);
            }
        }

        /** Reads one destination into the index; returns how many messages were scanned. */
        private long read(String destination, int number, long scannedBefore) throws InterruptedException {
            StartPosition start = window.from().<StartPosition>map(StartPosition.Timestamp::new)
                    .orElseGet(StartPosition.Earliest::new);
            Instant until = window.until().orElse(Instant.MAX);
            var feed = new Feed();
            current = feed;
            if (cancelled) {
                return 0; // cancelled between the check and now: do not start a browse no one will end
            }
            connection.browse(new BrowseRequest(destination, start, Set.of(), false)).subscribe(feed);
            var tally = new ScanTally();
            long scanned = 0;
            while (true) {
                switch (feed.signals.take()) {
                    case Next next -> {
                        if (cancelled) {
                            return scanned; // batches that were on their way when the operator cancelled
                        }
                        MessageBatch batch = next.batch();
                        scanned = batch.scanned();
                        batch.notes().forEach(note -> notes.add(destination + ": " + note));
                        if (!add(batch, until)) {
                            feed.stop();
                            return scanned;
                        }
                        tally.add(batch);
                        progress.accept(new IndexProgress(destination, number, window.destinations().size(),
                                scannedBefore + scanned, index.size(), tally.progress()));
                        feed.request(1);
                    }
                    case Failed failed -> throw failed.failure() instanceof BrokerException broker ? broker
                            : new BrokerException(Failures.sentence(failed.failure()), failed.failure());
                    case Ended ignored -> {
                        return scanned;
                    }
                }
            }
        }

        /** False once the index is full. Messages after the window are skipped (a scan reads to its end). */
        private boolean add(MessageBatch batch, Instant until) {
            for (BrowsedMessage message : batch.messages()) {
                if (!message.timestamp().isAfter(until) && !index.add(message)) {
                    return false;
                }
            }
            return true;
        }
    }

    private sealed interface Signal permits Next, Failed, Ended {
    }

    private record Next(MessageBatch batch) implements Signal {
    }

    private record Failed(Throwable failure) implements Signal {
    }

    private record Ended() implements Signal {
    }

    /** Hands a browse's signals from the connector's thread to the indexing thread. */
    private static final class Feed implements Flow.Subscriber<MessageBatch> {

        /** One batch indexed while the next is read: no more waits here (Reactive Streams demand bounds it). */
        private static final int AHEAD = 2;

        final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
        private volatile Flow.Subscription subscription;
        private volatile boolean stopped;

        void request(long n) {
            subscription.request(n);
        }

        void stop() {
            stopped = true;
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
            signals.add(new Ended());
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (stopped) {
                subscription.cancel();
            } else {
                subscription.request(AHEAD);
            }
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
}
