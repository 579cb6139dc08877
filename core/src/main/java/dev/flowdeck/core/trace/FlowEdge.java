package dev.flowdeck.core.trace;

import java.time.Duration;

/**
 * One edge of the learned flow: events in {@code from} followed, in the same transaction, by an event in
 * {@code to}.
 *
 * @param count how many hops took this edge
 * @param p50   median hop latency (nearest rank, millisecond resolution)
 * @param p95   95th percentile hop latency
 */
public record FlowEdge(String from, String to, long count, Duration p50, Duration p95) {
}
