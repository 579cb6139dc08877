package dev.flowdeck.core.lag;

import java.util.List;

/**
 * One consumer group with its members and its lag on every partition it has committed to.
 *
 * @param group      the group id
 * @param state      the broker's word for the group's state ({@code Stable}, {@code Empty}, ...)
 * @param members    how many consumers are in it now
 * @param partitions lag per partition, sorted by topic and partition
 */
public record ConsumerGroupLag(String group, String state, int members, List<PartitionLag> partitions) {

    public ConsumerGroupLag {
        partitions = List.copyOf(partitions);
    }

    public long totalLag() {
        return partitions.stream().mapToLong(PartitionLag::lag).sum();
    }
}
