package dev.flowdeck.benchmarks;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Waits until freshly created topics can take records. {@code createTopics} returns once the controller has the
 * topics, before the broker acts as their partitions' leader; a producer sending at once gets
 * NOT_LEADER_OR_FOLLOWER, and on a busy single broker an idempotent producer was seen to let a batch expire after
 * two minutes of retries. Asking every partition's end offset goes to its leader: when all answer, all are ready.
 */
final class NewTopics {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private NewTopics() {
    }

    static void awaitLeaders(Admin admin, Collection<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                        .get(30, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
                described.values().forEach(topic -> topic.partitions().forEach(partition ->
                        ends.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
                admin.listOffsets(ends).all().get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                boolean notYet = e.getCause() instanceof NotLeaderOrFollowerException
                        || e.getCause() instanceof UnknownTopicOrPartitionException;
                if (!notYet || System.nanoTime() > deadline) {
                    throw e;
                }
                LockSupport.parkNanos(PAUSE_NANOS);
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for the leaders of " + topics);
                }
            }
        }
    }
}
