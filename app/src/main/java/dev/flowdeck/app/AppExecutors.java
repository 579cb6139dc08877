package dev.flowdeck.app;

import dev.flowdeck.core.concurrent.NamedThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Every thread the app itself runs, created here and nowhere else (connectors own only their clients' I/O
 * threads). Named daemon threads, so a hung task never keeps the app alive and a thread dump reads clearly.
 *
 * @param brokerIo  blocking or broker-bound work: starting sandboxes, keychain and file access, continuing broker
 *                  results. Unbounded (threads are reused and die when idle), so one slow keychain or a sandbox
 *                  start-up never starves the refreshes of the other clusters.
 * @param scheduler timers: periodic refreshes
 * @param replays   the replay runners' one thread: a runner's tasks must run one at a time, and its journal
 *                  writes are short (a replay stopped by closing the app resumes from its journal)
 */
record AppExecutors(ExecutorService brokerIo, ScheduledExecutorService scheduler, ScheduledExecutorService replays)
        implements AutoCloseable {

    static AppExecutors create() {
        return new AppExecutors(
                Executors.newCachedThreadPool(new NamedThreadFactory("flowdeck-broker-io")),
                startedScheduler(),
                Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("flowdeck-replay")));
    }

    /**
     * The timers' thread, started now on the thread that builds the app: started later by the first schedule, it
     * could be a background thread's child (a browse schedules the table's drains) and so run as nice as that.
     */
    private static ScheduledExecutorService startedScheduler() {
        var scheduler = new ScheduledThreadPoolExecutor(1, new NamedThreadFactory("flowdeck-scheduler"));
        scheduler.prestartCoreThread();
        return scheduler;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        replays.shutdownNow();
        brokerIo.shutdown();
        try {
            if (!brokerIo.awaitTermination(5, TimeUnit.SECONDS)) {
                brokerIo.shutdownNow();
            }
        } catch (InterruptedException e) {
            brokerIo.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
