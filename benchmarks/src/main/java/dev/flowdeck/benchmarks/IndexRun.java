package dev.flowdeck.benchmarks;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.trace.ChainIndex;
import dev.flowdeck.core.trace.CorrelationKeys;
import dev.flowdeck.core.trace.IndexOutcome;
import dev.flowdeck.core.trace.IndexWindow;
import dev.flowdeck.core.trace.Indexer;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An indexing run the way the app indexes: core's {@link Indexer} over the connector's streaming browse, topic after
 * topic, into a fresh {@link ChainIndex} reading the trace context and one payload key ({@code $.orderId}).
 *
 * <p>The scan's CPU time is the indexing thread's (inserting rows); the trace context and keys are read on the
 * connector's reading threads as each batch is handed over, whose CPU time (reading the broker, making the messages
 * and reading them) is {@code readingCpu}.
 *
 * @param scan       the read, as the other readers report it (matched: events indexed)
 * @param index      the filled index, for the lookups that follow
 * @param readingCpu the CPU time of the browses' reading threads
 */
record IndexRun(ScanRun scan, ChainIndex index, Duration readingCpu) {

    static final CorrelationKeys KEYS = CorrelationKeys.parse("$.orderId");

    static IndexRun run(BrokerConnection connection, List<String> topics, ExecutorService indexing,
                        Duration timeout) {
        var index = new ChainIndex(KEYS, ChainIndex.DEFAULT_CAPACITY);
        var cpu = new long[1];
        var threads = ManagementFactory.getThreadMXBean();
        // The indexer runs on one thread of its executor for the whole run: wrapping the task times that thread.
        var reading = new ReadingThreadsCpu(connection);
        var indexer = new Indexer(reading, task -> indexing.execute(() -> {
            long before = threads.getCurrentThreadCpuTime();
            try {
                task.run();
            } finally {
                cpu[0] = threads.getCurrentThreadCpuTime() - before;
            }
        }));
        long started = System.nanoTime();
        var run = indexer.start(IndexWindow.everything(topics), index, progress -> {
        });
        try {
            IndexOutcome outcome = run.outcome().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            var elapsed = Duration.ofNanos(System.nanoTime() - started);
            // The outcome completes inside the task, just before its CPU time is noted: wait for the note.
            indexing.submit(() -> { }).get();
            return new IndexRun(new ScanRun(outcome.scanned(), outcome.indexed(), Set.of(), outcome.notes(),
                    elapsed, Duration.ofNanos(cpu[0])), index, reading.cpu());
        } catch (ExecutionException e) {
            throw new IllegalStateException("Indexing " + topics + " failed: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            run.cancel();
            throw new IllegalStateException("Indexing " + topics + " took over " + timeout, e);
        } catch (InterruptedException e) {
            run.cancel();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while indexing " + topics, e);
        }
    }
}
