package dev.flowdeck.sandbox;

import java.time.Duration;
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
 */
final class SlowConsumer extends SimulatedConsumer {

    private final long nanosPerRecord;
    private long resumeAt;

    SlowConsumer(String bootstrapServers, String group, String topic, double recordsPerSecond) {
        super(bootstrapServers, group, topic, Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1));
        this.nanosPerRecord = Math.round(1_000_000_000L / recordsPerSecond);
    }

    @Override
    void beforePoll() {
        if (!consumer.paused().isEmpty() && System.nanoTime() >= resumeAt) {
            consumer.resume(consumer.paused());
        }
    }

    @Override
    Duration pollTimeout() {
        long remaining = resumeAt - System.nanoTime();
        return Duration.ofNanos(Math.clamp(remaining, 10_000_000L, 200_000_000L));
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
