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
 * the completion signal. The subscriber counts, and (where asked) reads the value of the first messages delivered
 * as the browser does for the rows it keeps ({@link BrowsedMessage#readableValue()}: a value read through a schema
 * has its JSON made then, decision 0021), so what is measured is the connector, the filter and that JSON.
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
    /** How many of the first messages delivered have their value read, as the browser reads its rows' values. */
    private final long readValues;
    /** The bytes of the values read: kept, so the reading is not optimised away. */
    private long valueBytes;

    private FlowdeckScan(long readValues) {
        this.readValues = readValues;
    }

    /** A browse whose messages are only counted. */
    static ScanRun run(BrokerConnection connection, BrowseRequest request, Duration timeout) {
        return run(connection, request, timeout, 0);
    }

    /**
     * A browse whose first {@code readValues} delivered messages have their readable value taken on the reading
     * thread, as the browser takes those of the rows it keeps ({@code Long.MAX_VALUE}: every one, as an export of
     * every match does).
     */
    static ScanRun run(BrokerConnection connection, BrowseRequest request, Duration timeout, long readValues) {
        var scan = new FlowdeckScan(readValues);
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
        long before = delivered;
        delivered += batch.messages().size();
        notes.addAll(batch.notes());
        long seen = before;
        for (BrowsedMessage message : batch.messages()) {
            partitions.set(message.partition());
            if (seen++ < readValues) {
                byte[] value = message.readableValue();
                valueBytes += value == null ? 0 : value.length;
            }
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
        if (readValues > 0 && delivered > 0 && valueBytes == 0) {
            done.completeExceptionally(new IllegalStateException("no value was read of " + delivered + " delivered"));
            return;
        }
        if (delivered != matched) {
            done.completeExceptionally(new IllegalStateException(
                    "the browse said it matched " + matched + " but delivered " + delivered));
            return;
        }
        done.complete(new ScanRun(scanned, matched, partitions.stream().boxed().collect(Collectors.toSet()), notes,
                elapsed, cpu));
    }
}
