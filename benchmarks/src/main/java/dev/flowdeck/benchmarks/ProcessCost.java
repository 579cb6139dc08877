package dev.flowdeck.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * What the harness process spent between two points: CPU time of all its threads, bytes allocated on the heap by
 * all its threads (live and ended), and the time its collectors report. Allocation per event is the measure a
 * busy machine disturbs least: it counts work, not waiting.
 *
 * @param cpuNanos       the process's CPU time
 * @param allocatedBytes heap bytes allocated by every thread since the JVM started
 * @param gcMillis       the collectors' accumulated collection time (G1: pauses, and the concurrent cycle's pauses)
 */
record ProcessCost(long cpuNanos, long allocatedBytes, long gcMillis) {

    static ProcessCost now() {
        long gc = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += Math.max(0, collector.getCollectionTime());
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new ProcessCost(os.getProcessCpuTime(), threads.getTotalThreadAllocatedBytes(), gc);
    }

    /** One run's record, with what was spent since {@code before}. */
    ScanRun run(long scanned, long matched, long elapsedNanos) {
        ProcessCost after = now();
        return new ScanRun(scanned, matched, java.util.Set.of(), java.util.List.of(), Duration.ofNanos(elapsedNanos),
                Duration.ofNanos(after.cpuNanos - cpuNanos), after.allocatedBytes - allocatedBytes,
                after.gcMillis - gcMillis);
    }
}
