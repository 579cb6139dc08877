package dev.flowdeck.core.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daemon threads named after their job ({@code flowdeck-broker-io-1}), so a thread dump reads like a list of what
 * the app is doing, and an uncaught exception is logged instead of vanishing with its thread.
 *
 * <p>{@link #background} threads read and filter broker data in bulk (a Kafka scan, its filter pool): they run
 * below the UI thread ({@link BackgroundPriority}), so a scan at full speed never takes the window's core. Threads
 * that trade one message at a time with a broker (RabbitMQ's queue reads and confirms) keep their priority: each of
 * their thousands of wake-ups would wait behind every busier thread on the machine.
 */
public final class NamedThreadFactory implements ThreadFactory {

    private static final Logger LOG = LoggerFactory.getLogger(NamedThreadFactory.class);

    private final String prefix;
    private final AtomicInteger counter = new AtomicInteger();
    private final boolean background;

    public NamedThreadFactory(String prefix) {
        this(prefix, false);
    }

    private NamedThreadFactory(String prefix, boolean background) {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("threads need a name prefix");
        }
        this.prefix = prefix;
        this.background = background;
    }

    /** Threads for broker I/O and filtering, which yield the cores to the UI thread. */
    public static NamedThreadFactory background(String prefix) {
        return new NamedThreadFactory(prefix, true);
    }

    @Override
    public Thread newThread(Runnable task) {
        return Thread.ofPlatform()
                .name(prefix + "-" + counter.incrementAndGet())
                .daemon(true)
                .uncaughtExceptionHandler((thread, error) ->
                        LOG.error("Uncaught exception in thread {}", thread.getName(), error))
                .unstarted(background ? () -> {
                    BackgroundPriority.lowerCurrentThread();
                    task.run();
                } : task);
    }
}
