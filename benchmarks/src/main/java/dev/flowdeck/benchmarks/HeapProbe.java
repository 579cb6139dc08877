package dev.flowdeck.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.flowdeck.connectors.kafka.KafkaBrokerConnection;
import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.browse.KeptMessage;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.browse.RowWindow;
import dev.flowdeck.core.browse.ScanProgress;
import dev.flowdeck.core.browse.ScanTally;
import dev.flowdeck.core.concurrent.NamedThreadFactory;
import dev.flowdeck.core.filter.MessageFilter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The heap benchmark's child JVM (started with a small {@code -Xmx}): scans a topic with a filter and keeps what
 * the browser keeps (each match cut to {@link KeptMessage#DEFAULT_BUDGET}, the first {@value #CAP} in a list a
 * {@link RowWindow} bounds, and a {@link ScanTally}), then prints one {@code heap-probe} line of figures. An
 * {@link OutOfMemoryError} ends the JVM ({@code -XX:+ExitOnOutOfMemoryError}), which the parent sees as a failure.
 *
 * <p>Arguments: {@code <bootstrap servers> <topic>}.
 */
public final class HeapProbe {

    static final int CAP = 10_000;
    static final String RESULT_PREFIX = "heap-probe";

    private HeapProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: HeapProbe <bootstrap servers> <topic>");
        }
        var watch = new HeapWatch();
        var worker = Executors.newSingleThreadExecutor(new NamedThreadFactory("heap-probe-worker"));
        try (var connection = KafkaBrokerConnection.open(ConnectionProfile.kafka("heap-probe", args[0]), worker)) {
            var browser = new KeepingBrowser();
            System.gc();
            long baseline = heapUsed(); // the JVM, the client classes: what the scan adds is measured above this
            long started = System.nanoTime();
            connection.browse(BrowseRequest.fromBeginning(args[1])
                    .filteredBy(MessageFilter.Regex.of(OrderEvents.REGEX))).subscribe(browser);
            browser.done.get(30, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - started) / 1e9;
            // What the kept rows and the tally hold once the garbage of the scan is gone.
            System.gc();
            long retained = heapUsed();
            ScanProgress progress = browser.tally.progress();
            // The probe's answer to the parent JVM, which parses this one line from the child's stdout.
            System.out.printf(Locale.ROOT, "%s scanned=%d matched=%d kept=%d notKept=%d seconds=%.3f"
                            + " poolPeakBytes=%d maxAfterGcBytes=%d baselineBytes=%d retainedBytes=%d gcs=%d"
                            + " collectors=%s maxHeapBytes=%d%n", RESULT_PREFIX, progress.scanned(), progress.matched(),
                    browser.rows.size(), browser.window.notKept(), seconds, watch.poolPeaks(), watch.maxAfterGc(),
                    baseline, retained, watch.collections(), watch.collectors(), Runtime.getRuntime().maxMemory());
            Reference.reachabilityFence(browser);
        } finally {
            worker.shutdownNow();
        }
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Keeps what the browser keeps, on the reading thread (the app hands batches to the FX thread instead). */
    private static final class KeepingBrowser implements Flow.Subscriber<MessageBatch> {

        final CompletableFuture<Void> done = new CompletableFuture<>();
        final RowWindow window = new RowWindow(CAP, RowWindow.Keep.FIRST);
        final List<KeptMessage> rows = new ArrayList<>();
        final ScanTally tally = new ScanTally();

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(MessageBatch batch) {
            tally.add(batch);
            List<KeptMessage> kept = new ArrayList<>(batch.messages().size());
            batch.messages().forEach(message -> kept.add(KeptMessage.of(message, KeptMessage.DEFAULT_BUDGET)));
            RowWindow.Change<KeptMessage> change = window.offer(kept);
            rows.subList(0, change.evictFromFront()).clear();
            rows.addAll(change.append());
        }

        @Override
        public void onError(Throwable failure) {
            done.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }
    }

    /** The heap's high-water marks: each pool's peak, and the most the heap held right after a collection. */
    private static final class HeapWatch {

        private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
        private final AtomicLong maxAfterGc = new AtomicLong();
        private final AtomicLong collections = new AtomicLong();

        HeapWatch() {
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                            .equals(notification.getType())) {
                        return;
                    }
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    long after = 0;
                    for (var pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                        if (heapPools.contains(pool.getKey())) {
                            after += pool.getValue().getUsed();
                        }
                    }
                    maxAfterGc.accumulateAndGet(after, Math::max);
                    collections.incrementAndGet();
                }, null, null);
            }
        }

        /** The sum of each heap pool's peak: an upper bound on the peak heap used (the peaks need not coincide). */
        long poolPeaks() {
            return ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP)
                    .map(MemoryPoolMXBean::getPeakUsage)
                    .mapToLong(MemoryUsage::getUsed)
                    .sum();
        }

        long maxAfterGc() {
            return maxAfterGc.get();
        }

        long collections() {
            return collections.get();
        }

        String collectors() {
            return ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .map(GarbageCollectorMXBean::getName)
                    .map(name -> name.replace(' ', '_'))
                    .collect(Collectors.joining(",_"));
        }
    }
}
