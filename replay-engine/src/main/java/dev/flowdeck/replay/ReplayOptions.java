package dev.flowdeck.replay;

/**
 * How a run goes.
 *
 * @param eventsPerSecond at most this many sends a second; 0 for no limit
 * @param concurrency     sends (and read-backs, removals) waiting for an answer at once; 1 keeps the plan's order
 * @param force           send events an earlier replay already delivered (the operator confirmed it)
 */
public record ReplayOptions(double eventsPerSecond, int concurrency, boolean force) {

    /**
     * The concurrency the CLI and the UI offer when the operator sets none. Large because every send waits for its
     * {@code sent} line to be forced to the disk, and a force took 17 ms (often 80, at worst 400) on the machines
     * we measured: a window of 1,000 spent a third of a replay waiting for forces, a window of 10,000 lets one
     * force cover thousands of sends (README.md, Performance, Replay). It costs little: the messages are in memory
     * already, a broker's client buffers 10,000 of ~500 bytes easily, and the Kafka connector hands records to its
     * producer in the plan's order whatever the window. Lower it to go easy on a small broker.
     */
    public static final int DEFAULT_CONCURRENCY = 10_000;

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
