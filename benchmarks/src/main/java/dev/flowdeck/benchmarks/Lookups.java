package dev.flowdeck.benchmarks;

import java.util.Arrays;

/**
 * Timed chain lookups.
 *
 * @param count  lookups made
 * @param events events in the chains found, all told (checked: five per chain)
 * @param p50Ms  the median, in milliseconds
 * @param p99Ms  the 99th percentile (nearest rank)
 * @param maxMs  the slowest, the JIT's first calls included
 * @param meanMs the mean
 */
public record Lookups(int count, long events, double p50Ms, double p99Ms, double maxMs, double meanMs) {

    static Lookups of(long[] nanos, long events) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Lookups(sorted.length, events, millis(rank(sorted, 0.50)), millis(rank(sorted, 0.99)),
                millis(sorted[sorted.length - 1]), Arrays.stream(sorted).average().orElseThrow() / 1e6);
    }

    private static long rank(long[] sorted, double share) {
        return sorted[Math.max(0, (int) Math.ceil(share * sorted.length) - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
