package dev.flowdeck.core.offsets;

import java.util.Objects;

/**
 * What a reset does to one partition of a group.
 *
 * @param partition the partition
 * @param current   the group's committed offset now; -1 when it has none
 * @param newOffset the offset the reset commits
 * @param end       the partition's end offset when the preview was made
 */
public record PartitionReset(PartitionId partition, long current, long newOffset, long end) {

    public PartitionReset {
        Objects.requireNonNull(partition, "partition");
        if (newOffset < 0) {
            throw new IllegalArgumentException("a new offset is not negative, was " + newOffset);
        }
    }

    /** Records the group will have to read after the reset, as the partition stood at the preview. */
    public long resultingLag() {
        return Math.max(0, end - newOffset);
    }

    /** Whether the reset moves this partition at all. */
    public boolean moves() {
        return current != newOffset;
    }

    /** "orders-2: 1200 -> 900" ("none" for a partition without a commit): a line of the audit detail. */
    public String describe() {
        return partition.label() + ": " + (current < 0 ? "none" : Long.toString(current)) + " -> " + newOffset;
    }
}
