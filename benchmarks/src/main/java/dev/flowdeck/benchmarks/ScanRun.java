package dev.flowdeck.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One read of a topic, start to end.
 *
 * @param scanned    records read
 * @param matched    records that passed the filter (all of them, with no filter)
 * @param partitions the partitions the matches came from (empty for the bare consumer, which keeps none)
 * @param notes      what the browse said about how it read (a key search narrowed to one partition)
 * @param elapsed    from creating the consumer to the last record
 * @param cpu        CPU time of the thread that read (the consumer's and the filter's work; on a shared machine
 *                   a steadier measure of cost than the elapsed time, which waits whenever other work runs)
 */
record ScanRun(long scanned, long matched, Set<Integer> partitions, List<String> notes, Duration elapsed,
               Duration cpu) {

    ScanRun {
        partitions = Set.copyOf(partitions);
        notes = List.copyOf(notes);
    }

    double perSecond() {
        return scanned / seconds();
    }

    double seconds() {
        return elapsed.toNanos() / 1e9;
    }

    /** Microseconds of the reading thread's CPU time per record read. */
    double cpuMicrosPerRecord() {
        return cpu.toNanos() / 1e3 / scanned;
    }
}
