package dev.flowdeck.core.browse;

import java.time.Instant;

/** Where a browse begins in each partition it reads. */
public sealed interface StartPosition {

    /** The oldest record still held. */
    record Earliest() implements StartPosition {
    }

    /**
     * The newest {@code count} records of the destination in all, spread over its partitions by what each holds
     * (see {@link LastNAllocation}), so "the last 100" shows 100 records when there are that many.
     */
    record LastN(long count) implements StartPosition {
        public LastN {
            if (count <= 0) {
                throw new IllegalArgumentException("the last N needs a positive N, was " + count);
            }
        }
    }

    /** This offset in every partition read (clamped to what the partition holds). */
    record Offset(long offset) implements StartPosition {
        public Offset {
            if (offset < 0) {
                throw new IllegalArgumentException("offsets are not negative, was " + offset);
            }
        }
    }

    /** The first record at or after this time. */
    record Timestamp(Instant time) implements StartPosition {
    }

    /** Only records that arrive from now on (a live tail that shows no history). */
    record Latest() implements StartPosition {
    }
}
