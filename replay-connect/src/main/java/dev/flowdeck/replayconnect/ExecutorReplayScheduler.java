package dev.flowdeck.replayconnect;

import dev.flowdeck.replay.ReplayScheduler;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The runner's scheduler on a scheduled executor the caller owns (the app creates it, names it and shuts it down).
 * The executor must have one thread: the runner relies on its tasks running one at a time.
 */
public record ExecutorReplayScheduler(ScheduledExecutorService executor) implements ReplayScheduler {

    public ExecutorReplayScheduler {
        Objects.requireNonNull(executor, "executor");
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }

    @Override
    public void schedule(Runnable task, Duration delay) {
        executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }
}
