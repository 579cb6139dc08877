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
 * @param allocatedBytes heap bytes allocated meanwhile (by the process, where measured; -1 where not)
 * @param gcMillis   the collectors' time meanwhile (where measured; -1 where not)
 */
record ScanRun(long scanned, long matched, Set<Integer> partitions, List<String> notes, Duration elapsed,
               Duration cpu, long allocatedBytes, long gcMillis) {

    ScanRun {
        partitions = Set.copyOf(partitions);
        notes = List.copyOf(notes);
    }

    /** A run whose allocation and collection time were not measured (-1). */
    ScanRun(long scanned, long matched, Set<Integer> partitions, List<String> notes, Duration elapsed,
            Duration cpu) {
        this(scanned, matched, partitions, notes, elapsed, cpu, -1, -1);
    }

    /** Heap bytes the harness process allocated per record (all its threads); negative when not measured. */
    double allocatedBytesPerRecord() {
        return allocatedBytes < 0 ? -1 : (double) allocatedBytes / scanned;
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
