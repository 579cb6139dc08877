package dev.flowdeck.benchmarks;

import dev.flowdeck.replay.Provenance;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a replay's target topic whole with a bare consumer: how many records, how many distinct events of it. */
final class TargetCheck {

    /**
     * @param records  records in the topic
     * @param distinct distinct events of the replay among them (its {@code flowdeck-replayed-from} values)
     * @param ofReplay records stamped with the replay's id
     */
    record Tally(long records, long distinct, long ofReplay) {
    }

    private TargetCheck() {
    }

    static Tally read(String servers, String topic, String replayId) {
        try (var consumer = new KafkaConsumer<byte[], byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long total = ends.values().stream().mapToLong(Long::longValue).sum();
            long records = 0;
            long ofReplay = 0;
            Set<String> events = new HashSet<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (records < total) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Read " + records + " of " + total + " records of " + topic);
                }
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    Header stamp = record.headers().lastHeader(Provenance.REPLAY_ID);
                    Header from = record.headers().lastHeader(Provenance.REPLAYED_FROM);
                    if (stamp != null && replayId.equals(new String(stamp.value(), StandardCharsets.UTF_8))) {
                        ofReplay++;
                        events.add(new String(from.value(), StandardCharsets.UTF_8));
                    }
                }
            }
            return new Tally(records, events.size(), ofReplay);
        }
    }
}
