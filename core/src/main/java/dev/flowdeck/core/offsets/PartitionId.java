package dev.flowdeck.core.offsets;

import java.util.Comparator;
import java.util.Objects;

/** One partition of one topic: what an offset belongs to. Sorted by topic, then partition number. */
public record PartitionId(String topic, int partition) implements Comparable<PartitionId> {

    private static final Comparator<PartitionId> ORDER =
            Comparator.comparing(PartitionId::topic).thenComparingInt(PartitionId::partition);

    public PartitionId {
        Objects.requireNonNull(topic, "topic");
        if (partition < 0) {
            throw new IllegalArgumentException("a partition number is not negative, was " + partition);
        }
    }

    /** "orders-2": how operators name a partition. */
    public String label() {
        return topic + "-" + partition;
    }

    @Override
    public int compareTo(PartitionId other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return label();
    }
}
