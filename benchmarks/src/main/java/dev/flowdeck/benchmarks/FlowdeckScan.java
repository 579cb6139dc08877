package dev.flowdeck.benchmarks;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.browse.OrderedFiltering;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * A read the way the browser reads: {@link BrokerConnection#browse} with unbounded demand, timed from the call to
 * the completion signal. The subscriber only counts, so what is measured is the connector and the filter.
 *
 * <p>The Kafka connector reads each browse on a thread of its own, started for it, and signals on that thread: its
 * CPU time when it signals completion is the browse's, with the filter pool's time during the scan (a filtered
 * browse filters there, decision 0020).
 */
final class FlowdeckScan implements Flow.Subscriber<MessageBatch> {

    private final CompletableFuture<ScanRun> done = new CompletableFuture<>();
    private final BitSet partitions = new BitSet(); // not a HashSet: a million adds would weigh on the figure
    private final List<String> notes = new ArrayList<>();
    private long started;
    private long filterCpuBefore;
    private long scanned;
    private long matched;
    private long delivered;

    private FlowdeckScan() {
    }

    static ScanRun run(BrokerConnection connection, BrowseRequest request, Duration timeout) {
        var scan = new FlowdeckScan();
        scan.filterCpuBefore = filterPoolCpu();
        scan.started = System.nanoTime();
        connection.browse(request).subscribe(scan);
        try {
            return scan.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The browse of " + request.destination() + " failed: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("The browse of " + request.destination() + " took over " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while browsing " + request.destination(), e);
        }
    }

    /** CPU time of the filter pool's threads so far (one scan runs at a time here, so a difference is one scan's). */
    static long filterPoolCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(OrderedFiltering.THREAD_NAME)) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(MessageBatch batch) {
        scanned = batch.scanned();
        matched = batch.matched();
        delivered += batch.messages().size();
        notes.addAll(batch.notes());
        for (BrowsedMessage message : batch.messages()) {
            partitions.set(message.partition());
        }
    }

    @Override
    public void onError(Throwable failure) {
        done.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        var elapsed = Duration.ofNanos(System.nanoTime() - started);
        // A filtered browse filters on core's pool while this thread reads: that work is the browse's too.
        var cpu = Duration.ofNanos(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime()
                + filterPoolCpu() - filterCpuBefore);
        if (delivered != matched) {
            done.completeExceptionally(new IllegalStateException(
                    "the browse said it matched " + matched + " but delivered " + delivered));
            return;
        }
        done.complete(new ScanRun(scanned, matched, partitions.stream().boxed().collect(Collectors.toSet()), notes,
                elapsed, cpu));
    }
}
