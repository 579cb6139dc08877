package dev.flowdeck.core.trace;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.broker.BrokerException;
import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.core.browse.BrowseRequest;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Fills a {@link ChainIndex} from the broker with the browser's own streaming scan, several destinations at once
 * (each begun once the one before it has said something: its range, or its first batch; so their ends are taken in
 * the window's order).
 * Each browse is asked for one batch ahead of the one being indexed; as a batch arrives its trace context and keys
 * are read on that browse's own thread (in {@code onNext}, where the batch was just made), and the one indexing
 * thread only inserts what was read, batch by batch in the order each destination delivered them (decision 0017).
 * Never more than two batches a destination wait in memory; a cancel ends every browse at once and keeps what was
 * indexed.
 */
public final class Indexer {

    /**
     * Destinations read at once. A flow's few topics are read together (a browse's set-up and its last batches
     * overlap the others' reading instead of adding up); a window of hundreds of topics still opens only this many
     * consumers or channels at a time.
     */
    static final int CONCURRENT_BROWSES = 5;

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

    /**
     * The window's end in epoch milliseconds: a message (whose time is whole milliseconds) is after it exactly when
     * its milliseconds are greater. Instants beyond what a long of milliseconds holds are clamped.
     */
    static long epochMillis(Instant until) {
        try {
            return until.toEpochMilli();
        } catch (ArithmeticException beyond) {
            return until.isAfter(Instant.EPOCH) ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
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
        /** Every browse's signals, in the order they came: each destination's batches stay in its own order. */
        private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
        /** The browses being read: the cancel button stops them from any thread. */
        private final List<Feed> live = new CopyOnWriteArrayList<>();
        private volatile boolean cancelled;
        private long scanned;
        private int completed;

        private Run(IndexWindow window, ChainIndex index, Consumer<IndexProgress> progress) {
            this.window = window;
            this.index = index;
            this.progress = progress;
        }

        public CompletionStage<IndexOutcome> outcome() {
            return ended;
        }

        /** Stops the run: the browses are cancelled; the index keeps what was read. */
        public void cancel() {
            cancelled = true;
            stopAll();
        }

        private void stopAll() {
            live.forEach(Feed::stop);
        }

        private void index() {
            try {
                try {
                    read();
                } finally {
                    stopAll(); // a run that ends early (a failure, a full index, a cancel) leaves no browse reading
                }
                notes.addAll(index.notes());
                outcome.complete(new IndexOutcome(scanned, index.size(), completed, cancelled, notes));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome.complete(new IndexOutcome(scanned, index.size(), completed, true, notes));
            } catch (RuntimeException failure) {
                outcome.completeExceptionally(failure);
            }
        }

        /** Reads the destinations, a few at once, until all ended, the run was cancelled or the index is full. */
        private void read() throws InterruptedException {
            StartPosition start = window.from().<StartPosition>map(StartPosition.Timestamp::new)
                    .orElseGet(StartPosition.Earliest::new);
            long until = window.until().map(Indexer::epochMillis).orElse(Long.MAX_VALUE);
            List<String> destinations = window.destinations();
            int next = 0;
            Feed lastStarted = null;
            while (!cancelled && !index.isFull()) {
                // The next browse begins once the last one has said something, so its end offsets were taken: each
                // destination's end is taken after those of the destinations before it, as when they were read one
                // after another (list a flow's topics from its tail to its head, and no chain has a hole at the
                // window's end). Reading still overlaps.
                while (live.size() < CONCURRENT_BROWSES && next < destinations.size() && !cancelled
                        && (lastStarted == null || lastStarted.heard)) {
                    var feed = new Feed(destinations.get(next), next + 1, signals, index.keyReader(),
                            () -> cancelled);
                    lastStarted = feed;
                    next++;
                    live.add(feed);
                    if (cancelled) {
                        live.remove(feed); // cancelled between the check and now: start no browse no one will end
                        return;
                    }
                    // Asked to say its range first: a Kafka browse then says so as soon as it has its end offsets,
                    // before its first read, and the next destination's browse begins that much sooner.
                    connection.browse(new BrowseRequest(feed.destination, start, Set.of(), false).sayingRangeFirst())
                            .subscribe(feed);
                }
                if (live.isEmpty()) {
                    return;
                }
                Signal signal = signals.take();
                Feed feed = signal.feed();
                if (!live.contains(feed)) {
                    continue; // a stopped browse's last words
                }
                switch (signal) {
                    case Next batch -> {
                        if (cancelled) {
                            return; // batches that were on their way when the operator cancelled
                        }
                        if (!add(feed, batch, until)) {
                            return;
                        }
                        feed.request(1);
                    }
                    case Failed failed -> throw failed.failure() instanceof BrokerException broker ? broker
                            : new BrokerException(Failures.sentence(failed.failure()), failed.failure());
                    case Ended ignored -> {
                        live.remove(feed);
                        if (!feed.stopped) {
                            completed++;
                            progress.accept(new IndexProgress(feed.destination, feed.number,
                                    destinations.size(), completed, scanned, index.size(), feed.tally.progress()));
                        }
                    }
                }
            }
        }

        /**
         * Indexes one batch, as read on its browse's thread. False once the index is full. Messages after the window
         * are skipped (a scan reads to its end).
         */
        private boolean add(Feed feed, Next next, long until) {
            MessageBatch batch = next.batch();
            BatchReading reading = next.reading();
            scanned += batch.scanned() - feed.scanned;
            feed.scanned = batch.scanned();
            batch.notes().forEach(note -> notes.add(feed.destination + ": " + note));
            for (int i = 0; i < reading.read; i++) {
                if (i % ChainIndex.WARM_AHEAD == 0) {
                    index.warm(reading, i, Math.min(reading.read, i + ChainIndex.WARM_AHEAD));
                }
                if (reading.millis[i] <= until && !index.add(reading, i)) {
                    return false;
                }
            }
            feed.tally.add(batch);
            progress.accept(new IndexProgress(feed.destination, feed.number, window.destinations().size(),
                    completed, scanned, index.size(), feed.tally.progress()));
            return true;
        }
    }

    private sealed interface Signal permits Next, Failed, Ended {
        Feed feed();
    }

    /** A batch, and its trace context and keys as read on the browse's thread (or what failed reading them). */
    private record Next(Feed feed, MessageBatch batch, BatchReading read, RuntimeException failure)
            implements Signal {

        /** The reading; its failure is thrown as it was. */
        BatchReading reading() {
            if (failure != null) {
                throw failure;
            }
            return read;
        }
    }

    private record Failed(Feed feed, Throwable failure) implements Signal {
    }

    private record Ended(Feed feed) implements Signal {
    }

    /** Hands one browse's signals from the connector's thread to the indexing thread, each batch read on the way. */
    private static final class Feed implements Flow.Subscriber<MessageBatch> {

        /** One batch indexed while the next is read: no more waits here (Reactive Streams demand bounds it). */
        private static final int AHEAD = 2;

        final String destination;
        final int number;
        final ScanTally tally = new ScanTally();
        /** What this browse had scanned as of its last batch indexed (indexing thread only). */
        long scanned;
        private final BlockingQueue<Signal> signals;
        private final CorrelationKeys.Reader keys;
        private final BooleanSupplier runCancelled;
        private volatile Flow.Subscription subscription;
        private volatile boolean stopped;
        private volatile boolean over;
        /** Whether the browse has signalled anything yet: then it has taken its end offsets. */
        volatile boolean heard;

        Feed(String destination, int number, BlockingQueue<Signal> signals, CorrelationKeys.Reader keys,
             BooleanSupplier runCancelled) {
            this.destination = destination;
            this.number = number;
            this.signals = signals;
            this.keys = keys;
            this.runCancelled = runCancelled;
        }

        void request(long n) {
            subscription.request(n);
        }

        /** Cancels the browse unless it is over already; its {@link Ended} follows. */
        void stop() {
            if (stopped) {
                return;
            }
            stopped = true;
            Flow.Subscription current = subscription;
            if (current != null && !over) {
                current.cancel();
            }
            signals.add(new Ended(this));
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
            heard = true;
            // Read here, on the browse's own thread, where the batch was just made. On the filter pool the same
            // reading cost 0.25 to 0.30 µs a record (a task and a wake-up a batch, and every message, header and
            // value first fetched from another core's cache); here it adds 0.10 to 0.15 µs to this thread. Bounded
            // by the batch, it only holds back this browse's next read (see BrokerConnection on work in callbacks),
            // and with several destinations there is a reading thread for each.
            try {
                signals.add(new Next(this, batch, BatchReading.of(batch.messages(), keys,
                        () -> stopped || runCancelled.getAsBoolean()), null));
            } catch (RuntimeException failure) {
                // Thrown on the indexing thread, as a failed reading always was, not back into the connector.
                signals.add(new Next(this, batch, null, failure));
            }
        }

        @Override
        public void onError(Throwable failure) {
            heard = true;
            over = true;
            signals.add(new Failed(this, failure));
        }

        @Override
        public void onComplete() {
            heard = true;
            over = true;
            signals.add(new Ended(this));
        }
    }
}
