package dev.flowdeck.core.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(state, "state");
        partitions = List.copyOf(partitions);
    }

    public long totalLag() {
        return partitions.stream().mapToLong(PartitionLag::lag).sum();
    }

    /** The longest any waiting record of the group has waited; empty when records wait and no age is known. */
    public Optional<Duration> maxTimeLag(Instant now) {
        Duration max = Duration.ZERO;
        boolean unknown = false;
        for (PartitionLag partition : partitions) {
            Optional<Duration> age = partition.timeLag(now);
            if (age.isEmpty()) {
                unknown = true;
            } else if (age.get().compareTo(max) > 0) {
                max = age.get();
            }
        }
        return unknown && max.isZero() ? Optional.empty() : Optional.of(max);
    }

    /** The topics it reads, sorted, without repeats. */
    public List<String> topics() {
        return partitions.stream().map(PartitionLag::topic).distinct().sorted().toList();
    }

    public ConsumerGroupLag withPartitions(List<PartitionLag> replaced) {
        return new ConsumerGroupLag(group, state, members, replaced);
    }
}
