package dev.flowdeck.connectors.kafka;

import dev.flowdeck.core.concurrent.NamedThreadFactory;
import dev.flowdeck.core.lag.ConsumerGroupLag;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lag in time for one connection: the age of each group's oldest waiting record, read from the log. It owns one
 * thread, {@code flowdeck-kafka-lag-N}, on which its consumer, its cache and its planner live, so rounds asked for at
 * once run one after the other and none of them runs on the admin client's thread.
 *
 * <p>Ages are an extra: a round whose records cannot be read (no Read ACL, a budget spent) still reports the lag,
 * with the ages it could not tell left unknown.
 */
final class TimeLagReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TimeLagReader.class);
    /** Room for every partition of 500 groups of 50 partitions waiting at different offsets, about 4 MB. */
    static final int CACHED_WRITE_TIMES = 32_768;

    private final ExecutorService thread =
            Executors.newSingleThreadExecutor(new NamedThreadFactory("flowdeck-kafka-lag"));
    private final TimeLagPlanner planner;
    private final WriteTimeReader reader;

    TimeLagReader(Map<String, Object> consumerConfig, TimeLagBudget budget) {
        this.planner = new TimeLagPlanner(new WriteTimeCache(CACHED_WRITE_TIMES), budget.maxLookups());
        this.reader = new WriteTimeReader(consumerConfig, budget.maxTime());
    }

    /**
     * The same groups with the write time of each one's oldest waiting record, completed on this reader's thread.
     * Fails only when the connection is closing.
     */
    CompletableFuture<List<ConsumerGroupLag>> withTimeLag(List<ConsumerGroupLag> groups,
                                                          Map<TopicPartition, Long> logStarts) {
        return CompletableFuture.supplyAsync(() -> {
            long started = System.nanoTime();
            try {
                List<ConsumerGroupLag> filled = planner.withTimeLag(groups, logStarts, reader::read);
                LOG.debug("Lag in time: {} in {} ms", planner.lastLookups(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                return filled;
            } catch (RuntimeException e) {
                LOG.warn("Could not tell the age of waiting records; lag is shown without it", e);
                return groups;
            }
        }, thread);
    }

    /** How the last round went. */
    TimeLagLookups lastLookups() {
        return planner.lastLookups();
    }

    @Override
    public void close() {
        reader.wakeup(); // a round in progress ends at once
        try {
            thread.execute(reader::close); // on its own thread, after any round still queued
        } catch (RejectedExecutionException alreadyClosed) {
            return;
        }
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("The time-lag thread did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
