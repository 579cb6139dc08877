package dev.flowdeck.benchmarks;

import dev.flowdeck.core.lag.ConsumerGroupLag;
import dev.flowdeck.core.lag.PartitionLag;
import java.util.List;

/**
 * What one lag round found, to check that every reader saw the same cluster.
 *
 * @param groups     consumer groups
 * @param partitions partitions with a committed offset, over all groups
 * @param lag        records waiting, over all of them
 * @param waiting    partitions with lag
 * @param aged       of those, the ones whose oldest waiting record's write time is known (lag in time)
 */
public record LagTally(int groups, int partitions, long lag, int waiting, int aged) {

    static LagTally of(List<ConsumerGroupLag> groups) {
        int partitions = 0;
        long lag = 0;
        int waiting = 0;
        int aged = 0;
        for (ConsumerGroupLag group : groups) {
            for (PartitionLag partition : group.partitions()) {
                partitions++;
                lag += partition.lag();
                if (partition.lag() > 0) {
                    waiting++;
                    aged += partition.oldestUnconsumed().isPresent() ? 1 : 0;
                }
            }
        }
        return new LagTally(groups.size(), partitions, lag, waiting, aged);
    }
}
