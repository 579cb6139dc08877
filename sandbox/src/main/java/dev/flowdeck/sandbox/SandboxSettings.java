package dev.flowdeck.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * How busy and how broken the simulated shop is.
 *
 * @param ordersPerSecond       new orders per second; each becomes up to five events down the pipeline
 * @param slowConsumerPerSecond how many orders per second the slow group gets through (below the order rate, its
 *                              lag grows)
 * @param stalledAfterRecords   how many payments the stalled group processes and commits before it gets stuck
 * @param emailDelay            how long the customer-emails group lets a notification wait before it handles it:
 *                              its lag in time hovers there while it keeps up
 * @param failureRate           the share of events a pipeline service fails on and dead-letters (0..1)
 * @param seed                  seeds the simulation's randomness, so two runs fail in similar places
 */
public record SandboxSettings(double ordersPerSecond, double slowConsumerPerSecond, int stalledAfterRecords,
                              Duration emailDelay, double failureRate, long seed) {

    /** Light enough for a 2-core laptop: 4 orders/s, roughly 20 events/s in all; emails sent 30 s late. */
    public static SandboxSettings defaults() {
        return new SandboxSettings(4.0, 1.0, 25, Duration.ofSeconds(30), 0.04, 4711L);
    }

    public SandboxSettings {
        if (ordersPerSecond <= 0 || ordersPerSecond > 10_000) {
            throw new IllegalArgumentException("orders per second must be in (0, 10000], was " + ordersPerSecond);
        }
        if (slowConsumerPerSecond <= 0) {
            throw new IllegalArgumentException("the slow consumer's rate must be positive, was " + slowConsumerPerSecond);
        }
        if (stalledAfterRecords < 0) {
            throw new IllegalArgumentException("stalledAfterRecords must not be negative, was " + stalledAfterRecords);
        }
        Objects.requireNonNull(emailDelay, "emailDelay");
        if (emailDelay.isNegative()) {
            throw new IllegalArgumentException("the email delay must not be negative, was " + emailDelay);
        }
        if (failureRate < 0 || failureRate > 1) {
            throw new IllegalArgumentException("the failure rate is a share between 0 and 1, was " + failureRate);
        }
    }

    public SandboxSettings withOrdersPerSecond(double rate) {
        return new SandboxSettings(rate, slowConsumerPerSecond, stalledAfterRecords, emailDelay, failureRate, seed);
    }

    public SandboxSettings withSlowConsumerPerSecond(double rate) {
        return new SandboxSettings(ordersPerSecond, rate, stalledAfterRecords, emailDelay, failureRate, seed);
    }

    public SandboxSettings withEmailDelay(Duration delay) {
        return new SandboxSettings(ordersPerSecond, slowConsumerPerSecond, stalledAfterRecords, delay, failureRate,
                seed);
    }

    public SandboxSettings withFailureRate(double rate) {
        return new SandboxSettings(ordersPerSecond, slowConsumerPerSecond, stalledAfterRecords, emailDelay, rate, seed);
    }
}
