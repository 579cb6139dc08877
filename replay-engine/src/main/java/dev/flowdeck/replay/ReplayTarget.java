package dev.flowdeck.replay;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Where one replayed event goes: the origin the dead-letter model inferred, or an override the operator chose.
 * Given per event, so one plan can send the dead letters of several origins back where each came from.
 */
public sealed interface ReplayTarget {

    /** The topic or exchange the event is published to. */
    String destination();

    /** How the operator reads it: {@code orders, partition 3} or {@code exchange shop, routing key order.paid}. */
    String describe();

    /**
     * A Kafka topic, to one partition (the original, so per-key order holds where it held before) or by key (the
     * producer's partitioner decides, as it did for the first write when partitions were not pinned).
     */
    record KafkaTopic(String topic, OptionalInt partition) implements ReplayTarget {

        public KafkaTopic {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(partition, "partition");
            if (partition.isPresent() && partition.getAsInt() < 0) {
                throw new IllegalArgumentException("partition " + partition.getAsInt() + " < 0");
            }
        }

        public static KafkaTopic toPartition(String topic, int partition) {
            return new KafkaTopic(topic, OptionalInt.of(partition));
        }

        public static KafkaTopic byKey(String topic) {
            return new KafkaTopic(topic, OptionalInt.empty());
        }

        @Override
        public String destination() {
            return topic;
        }

        @Override
        public String describe() {
            return partition.isPresent() ? topic + ", partition " + partition.getAsInt() : topic + ", by key";
        }
    }

    /** A RabbitMQ exchange ("" is the default exchange) with the routing key to publish under. */
    record RabbitExchange(String exchange, String routingKey) implements ReplayTarget {

        public RabbitExchange {
            Objects.requireNonNull(exchange, "exchange");
            Objects.requireNonNull(routingKey, "routingKey");
        }

        @Override
        public String destination() {
            return exchange;
        }

        @Override
        public String describe() {
            return (exchange.isEmpty() ? "the default exchange" : "exchange " + exchange)
                    + ", routing key " + routingKey;
        }

        /** The routing key as {@code OutgoingMessage} carries it (the key's bytes). */
        byte[] routingKeyBytes() {
            return routingKey.getBytes(StandardCharsets.UTF_8);
        }
    }
}
