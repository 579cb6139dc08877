package dev.flowdeck.core.lag;

import java.time.Duration;
import java.util.Optional;

/**
 * One partition of a group as the evaluator sees it at the newest sample.
 *
 * @param lag          records waiting now
 * @param timeLag      how long the oldest waiting record has waited; empty when unknown
 * @param trend        which way its lag went over the window
 * @param catchUp      at the window's rates, how long until nothing waits; empty when it is not catching up
 * @param consumedRate committed offsets advanced per second over the window
 * @param producedRate end offsets advanced per second over the window
 */
public record PartitionVerdict(PartitionLag partition, long lag, Optional<Duration> timeLag, Trend trend,
                               Optional<Duration> catchUp, double consumedRate, double producedRate) {
}
