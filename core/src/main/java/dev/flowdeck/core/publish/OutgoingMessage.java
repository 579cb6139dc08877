package dev.flowdeck.core.publish;

import dev.flowdeck.core.browse.MessageHeader;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A message Flowdeck is asked to send (by the produce dialog or a replay).
 *
 * @param destination Kafka: the topic; RabbitMQ: the exchange ("" is the default exchange)
 * @param partition   Kafka: a partition to write to; empty lets the partitioner choose by key
 * @param key         Kafka: raw key bytes; RabbitMQ: the routing key in UTF-8; null for none
 * @param value       raw value bytes or null (a tombstone)
 * @param headers     headers in order
 * @param properties  RabbitMQ's AMQP properties by their protocol names ({@code correlation_id},
 *                    {@code message_id}, {@code content_type}, ...); Kafka has none and refuses them
 */
public record OutgoingMessage(
        String destination, OptionalInt partition, byte[] key, byte[] value, List<MessageHeader> headers,
        Map<String, String> properties) {

    public OutgoingMessage {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(partition, "partition");
        headers = List.copyOf(headers);
        properties = Map.copyOf(properties);
    }

    public OutgoingMessage(String destination, OptionalInt partition, byte[] key, byte[] value,
                           List<MessageHeader> headers) {
        this(destination, partition, key, value, headers, Map.of());
    }
}
