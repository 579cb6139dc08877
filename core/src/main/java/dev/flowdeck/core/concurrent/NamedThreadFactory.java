package dev.flowdeck.core.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daemon threads named after their job ({@code flowdeck-broker-io-1}), so a thread dump reads like a list of what
 * the app is doing, and an uncaught exception is logged instead of vanishing with its thread.
 */
public final class NamedThreadFactory implements ThreadFactory {

    private static final Logger LOG = LoggerFactory.getLogger(NamedThreadFactory.class);

    private final String prefix;
    private final AtomicInteger counter = new AtomicInteger();

    public NamedThreadFactory(String prefix) {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("threads need a name prefix");
        }
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        return Thread.ofPlatform()
                .name(prefix + "-" + counter.incrementAndGet())
                .daemon(true)
                .uncaughtExceptionHandler((thread, error) ->
                        LOG.error("Uncaught exception in thread {}", thread.getName(), error))
                .unstarted(task);
    }
}
