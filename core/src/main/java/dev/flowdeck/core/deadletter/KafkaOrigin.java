package dev.flowdeck.core.deadletter;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A Kafka record's place before it was dead-lettered. Partition and offset are empty where the convention does not
 * say them (Kafka Connect writes -1 when it does not know, Karafka may leave them out).
 *
 * @param topic         the topic the record was consumed from
 * @param partition     its partition, if known
 * @param offset        its offset, if known
 * @param timestamp     the original record's timestamp, if the convention kept it
 * @param consumerGroup the group that failed on it, if the convention says
 * @param key           the record's key: every convention here keeps the original key on the dead letter; null for
 *                      none
 */
public record KafkaOrigin(String topic, OptionalInt partition, OptionalLong offset, Optional<Instant> timestamp,
                          Optional<String> consumerGroup, byte[] key) implements Origin {

    public KafkaOrigin {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(consumerGroup, "consumerGroup");
        key = key == null ? null : key.clone();
    }

    @Override
    public String destination() {
        return topic;
    }

    @Override
    public byte[] key() {
        return key == null ? null : key.clone();
    }

    // A record compares arrays by reference; two origins with equal keys are the same origin.
    @Override
    public boolean equals(Object other) {
        return other instanceof KafkaOrigin that && topic.equals(that.topic) && partition.equals(that.partition)
                && offset.equals(that.offset) && timestamp.equals(that.timestamp)
                && consumerGroup.equals(that.consumerGroup) && Arrays.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset, timestamp, consumerGroup, Arrays.hashCode(key));
    }

    @Override
    public String toString() {
        return "KafkaOrigin[" + topic + "-" + (partition.isPresent() ? partition.getAsInt() : "?") + "@"
                + (offset.isPresent() ? offset.getAsLong() : "?") + ", timestamp=" + timestamp.orElse(null)
                + ", group=" + consumerGroup.orElse(null)
                + ", key=" + (key == null ? "null" : HexFormat.of().formatHex(key)) + "]";
    }
}
