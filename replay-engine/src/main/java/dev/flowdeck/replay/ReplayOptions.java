package dev.flowdeck.replay;

/**
 * How a run goes.
 *
 * @param eventsPerSecond at most this many sends a second; 0 for no limit
 * @param concurrency     sends (and read-backs, removals) waiting for an answer at once; 1 keeps the plan's order
 * @param force           send events an earlier replay already delivered (the operator confirmed it)
 */
public record ReplayOptions(double eventsPerSecond, int concurrency, boolean force) {

    public ReplayOptions {
        if (concurrency < 1) {
            throw new IllegalArgumentException("At least one send at a time, not " + concurrency);
        }
        if (Double.isNaN(eventsPerSecond) || eventsPerSecond < 0) {
            throw new IllegalArgumentException("A rate is 0 (no limit) or more events a second, not "
                    + eventsPerSecond);
        }
    }
}
