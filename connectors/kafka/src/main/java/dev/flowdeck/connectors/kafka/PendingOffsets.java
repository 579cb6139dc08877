package dev.flowdeck.connectors.kafka;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One partition's lookups, answered in a single forward pass: each wants the write time of the first record at or
 * after its offset, so a record read answers every lookup at or before it that is still open. Offsets are visited
 * smallest first, which within a partition is largest lag first.
 *
 * <p>Records at or beyond the partition's end offset as the round read it answer nothing: what waits there was
 * written after the lag was measured (the offsets before it held only transaction markers, say).
 */
final class PendingOffsets {

    private final long end;
    private final TreeSet<Long> open = new TreeSet<>();
    private final Map<Long, Optional<Instant>> answers = new HashMap<>();

    /** @param end the partition's end offset in this round */
    PendingOffsets(long end) {
        this.end = end;
    }

    void want(long offset) {
        if (!answers.containsKey(offset)) {
            open.add(offset);
        }
    }

    boolean done() {
        return open.isEmpty();
    }

    /** Where to read next: the smallest open offset. */
    long next() {
        return open.first();
    }

    /** A record read at {@code offset}, written at {@code writtenAt} (empty when it carries no timestamp). */
    void read(long offset, Optional<Instant> writtenAt) {
        if (offset >= end) {
            reachedEnd();
            return;
        }
        while (!open.isEmpty() && open.first() <= offset) {
            answers.put(open.pollFirst(), writtenAt);
        }
    }

    /** The reader's position passed the end: no record waits at the open offsets. */
    void reachedEnd() {
        open.forEach(offset -> answers.put(offset, Optional.empty()));
        open.clear();
    }

    boolean passedEnd(long position) {
        return position >= end;
    }

    /** Every lookup answered so far: a write time, or empty where no record was found below the end. */
    Map<Long, Optional<Instant>> answers() {
        return Map.copyOf(answers);
    }
}
