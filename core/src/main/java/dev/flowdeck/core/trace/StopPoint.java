package dev.flowdeck.core.trace;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a chain stopped short of the flow most transactions take: its last event was in {@code stoppedAt}, and the
 * hop most of those take next, to {@code expectedNext}, never came.
 *
 * @param stoppedAt         the last destination the chain reached (outside dead letters)
 * @param expectedNext      where most chains go from there
 * @param shareThatContinue the share of visits to {@code stoppedAt} that went on to {@code expectedNext}
 * @param lastSeen          when the chain was last seen in {@code stoppedAt}
 * @param overdue           whether more time than the edge's p95 latency passed between {@code lastSeen} and the
 *                          newest event indexed: false means it may still be on its way
 * @param waited            that time
 */
public record StopPoint(String stoppedAt, String expectedNext, double shareThatContinue, Instant lastSeen,
                        boolean overdue, Duration waited) {
}
