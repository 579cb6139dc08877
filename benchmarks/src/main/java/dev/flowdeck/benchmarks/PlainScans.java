package dev.flowdeck.benchmarks;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.browse.BrowseRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The browser's plain scan of several topics at once, start to end, with no filter and no index: what the trace
 * issue calls "the plain scan rate", against which indexing the same topics is judged. One browse a topic, all
 * started together; the run ends when the last one does.
 */
final class PlainScans {

    private PlainScans() {
    }

    static ScanRun run(BrokerConnection connection, List<String> topics, ExecutorService waiting, Duration timeout) {
        long started = System.nanoTime();
        List<CompletableFuture<ScanRun>> scans = new ArrayList<>();
        for (String topic : topics) {
            scans.add(CompletableFuture.supplyAsync(
                    () -> FlowdeckScan.run(connection, BrowseRequest.fromBeginning(topic), timeout), waiting));
        }
        long scanned = 0;
        long matched = 0;
        Duration cpu = Duration.ZERO;
        for (var scan : scans) {
            ScanRun run = scan.join();
            scanned += run.scanned();
            matched += run.matched();
            cpu = cpu.plus(run.cpu());
        }
        return new ScanRun(scanned, matched, Set.of(), List.of(), Duration.ofNanos(System.nanoTime() - started), cpu);
    }
}
