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
 * <p>The scan's CPU time is the indexing thread's (inserting rows); the trace context and keys are read on the filter
 * pool, whose CPU time meanwhile is {@code poolCpu}. The connectors' reading threads work beside them and are not
 * counted, so the two are what indexing adds on top of the browses.
 *
 * @param scan    the read, as the other readers report it (matched: events indexed)
 * @param index   the filled index, for the lookups that follow
 * @param poolCpu the filter pool's CPU time during the run (one run at a time here, so it is this run's)
 */
record IndexRun(ScanRun scan, ChainIndex index, Duration poolCpu) {

    static final CorrelationKeys KEYS = CorrelationKeys.parse("$.orderId");

    static IndexRun run(BrokerConnection connection, List<String> topics, ExecutorService indexing,
                        Duration timeout) {
        var index = new ChainIndex(KEYS, ChainIndex.DEFAULT_CAPACITY);
        var cpu = new long[1];
        var threads = ManagementFactory.getThreadMXBean();
        // The indexer runs on one thread of its executor for the whole run: wrapping the task times that thread.
        var indexer = new Indexer(connection, task -> indexing.execute(() -> {
            long before = threads.getCurrentThreadCpuTime();
            try {
                task.run();
            } finally {
                cpu[0] = threads.getCurrentThreadCpuTime() - before;
            }
        }));
        long poolBefore = FlowdeckScan.filterPoolCpu();
        long started = System.nanoTime();
        var run = indexer.start(IndexWindow.everything(topics), index, progress -> {
        });
        try {
            IndexOutcome outcome = run.outcome().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            var elapsed = Duration.ofNanos(System.nanoTime() - started);
            // The outcome completes inside the task, just before its CPU time is noted: wait for the note.
            indexing.submit(() -> { }).get();
            Duration pool = Duration.ofNanos(FlowdeckScan.filterPoolCpu() - poolBefore);
            return new IndexRun(new ScanRun(outcome.scanned(), outcome.indexed(), Set.of(), outcome.notes(),
                    elapsed, Duration.ofNanos(cpu[0])), index, pool);
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
