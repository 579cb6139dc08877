package dev.flowdeck.core.offsets;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A reset as previewed: for each partition, where the group is, where it will be, and how much it will then have
 * to read. {@link dev.flowdeck.core.broker.BrokerConnection#resetOffsets} commits exactly these new offsets, so what
 * the operator saw is what happens.
 *
 * @param group      the consumer group
 * @param target     what the operator asked for
 * @param partitions every partition the reset touches, sorted
 */
public record OffsetResetPlan(String group, OffsetResetTarget target, List<PartitionReset> partitions) {

    public OffsetResetPlan {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(target, "target");
        partitions = List.copyOf(partitions);
    }

    /** Records waiting for the group on these partitions after the reset. */
    public long totalLag() {
        return partitions.stream().mapToLong(PartitionReset::resultingLag).sum();
    }

    /** What the audit log keeps: the target, then one line per partition with its offset before and after. */
    public String detail() {
        return target.describe() + "\n" + partitions.stream().map(PartitionReset::describe)
                .collect(Collectors.joining("\n"));
    }
}
