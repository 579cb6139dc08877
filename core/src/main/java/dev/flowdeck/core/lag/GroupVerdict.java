package dev.flowdeck.core.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the evaluator concluded about one group at its newest sample, with the sentence that explains it.
 *
 * @param group       the group's lag as last read
 * @param at          when that was
 * @param status      its health over the window
 * @param explanation why, in numbers an operator can check ("offsets unchanged for 4 min while lag rose ...")
 * @param trend       the group's overall trend (the worst partition's)
 * @param timeLag     the longest any waiting record has waited; empty when unknown
 * @param catchUp     until every partition is caught up at the window's rates; empty when it is not catching up
 * @param partitions  per partition, in the group's order
 */
public record GroupVerdict(ConsumerGroupLag group, Instant at, GroupStatus status, String explanation, Trend trend,
                           Optional<Duration> timeLag, Optional<Duration> catchUp, List<PartitionVerdict> partitions) {

    public GroupVerdict {
        partitions = List.copyOf(partitions);
    }

    public String name() {
        return group.group();
    }

    public long lag() {
        return group.totalLag();
    }
}
