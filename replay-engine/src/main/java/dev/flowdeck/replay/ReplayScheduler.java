package dev.flowdeck.replay;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Where the runner does its work and how it waits: in the app a single-threaded scheduled executor (named, daemon)
 * that also keeps journal writes off the connectors' I/O threads; in tests a virtual clock that runs tasks in
 * order, so a replay at 5 events/s takes no real time at all.
 */
public interface ReplayScheduler extends Executor {

    /** Runs {@code task} after {@code delay}, on the same executor. */
    void schedule(Runnable task, Duration delay);
}
