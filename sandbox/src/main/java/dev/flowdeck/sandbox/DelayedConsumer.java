package dev.flowdeck.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A group that is late on purpose: it handles a record only once the record is at least {@code delay} old, the way
 * a shop waits before emailing a customer so that an order cancelled meanwhile sends nothing. A partition whose
 * next record is not due yet waits paused at that record while the consumer keeps polling, so it stays a live
 * member and keeps up; its lag in time hovers at the delay (just under it right after a record is handled).
 */
final class DelayedConsumer extends SimulatedConsumer {

    private final long delayMillis;
    /** Paused partitions, and when the record each waits at is due (epoch millis: records carry wall-clock times). */
    private final Map<TopicPartition, Long> dueAt = new HashMap<>();

    DelayedConsumer(String bootstrapServers, String group, String topic, Duration delay) {
        super(bootstrapServers, group, topic, Map.of());
        this.delayMillis = delay.toMillis();
    }

    @Override
    void beforePoll() {
        long now = System.currentTimeMillis();
        Set<TopicPartition> assigned = consumer.assignment();
        List<TopicPartition> due = new ArrayList<>();
        // A partition taken away by a rebalance is forgotten: it comes back unpaused, at its committed offset.
        dueAt.entrySet().removeIf(waiting -> {
            if (!assigned.contains(waiting.getKey())) {
                return true;
            }
            if (waiting.getValue() <= now) {
                due.add(waiting.getKey());
                return true;
            }
            return false;
        });
        consumer.resume(due);
    }

    @Override
    Duration pollTimeout() {
        long untilDue = dueAt.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE)
                - System.currentTimeMillis();
        return Duration.ofMillis(Math.clamp(untilDue, 10L, 200L));
    }

    @Override
    void handle(ConsumerRecords<String, String> records) {
        long now = System.currentTimeMillis();
        Map<TopicPartition, OffsetAndMetadata> handled = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, String> record : records.records(partition)) {
                long due = record.timestamp() + delayMillis;
                if (due > now) {
                    consumer.seek(partition, record.offset()); // read it again once it is due
                    consumer.pause(List.of(partition));
                    dueAt.put(partition, due);
                    break;
                }
                handled.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }
        if (!handled.isEmpty()) {
            consumer.commitSync(handled);
        }
    }
}
