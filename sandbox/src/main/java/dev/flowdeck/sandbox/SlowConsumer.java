package dev.flowdeck.sandbox;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A group that works, only too slowly: it takes one record at a time and needs {@code 1 / rate} seconds for each.
 * While it "works" its partitions are paused and it keeps polling, so it stays a live member of its group and
 * its committed offsets advance steadily, just slower than the topic grows.
 *
 * <p>It takes its partitions in turn, one record each. Left to itself a consumer goes on with the partition whose
 * fetched records it is reading, and a backlog fetches many: it would spend many minutes on one partition while the
 * others' offsets stood still, which is a stall by Burrow's rules, not a slow group.
 */
final class SlowConsumer extends SimulatedConsumer {

    /** Long enough for a fetch of the partition whose turn it is; then the next one gets its turn. */
    private static final Duration TURN = Duration.ofMillis(100);

    private final long nanosPerRecord;
    private long resumeAt;
    private int turn;

    SlowConsumer(String bootstrapServers, String group, String topic, double recordsPerSecond) {
        super(bootstrapServers, group, topic, Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1));
        this.nanosPerRecord = Math.round(1_000_000_000L / recordsPerSecond);
    }

    @Override
    void beforePoll() {
        List<TopicPartition> partitions = consumer.assignment().stream()
                .sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition))
                .toList();
        if (partitions.isEmpty() || System.nanoTime() < resumeAt) {
            return;
        }
        consumer.pause(partitions);
        consumer.resume(List.of(partitions.get(Math.floorMod(turn++, partitions.size()))));
    }

    @Override
    Duration pollTimeout() {
        long remaining = resumeAt - System.nanoTime();
        return remaining <= 0 ? TURN : Duration.ofNanos(Math.clamp(remaining, 10_000_000L, 200_000_000L));
    }

    @Override
    void handle(ConsumerRecords<String, String> records) {
        for (ConsumerRecord<String, String> record : records) {
            consumer.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1)));
        }
        consumer.pause(consumer.assignment());
        resumeAt = System.nanoTime() + nanosPerRecord * records.count();
    }
}
