package dev.flowdeck.core.browse;

import dev.flowdeck.core.decode.DecodedValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A message as read from a broker: where it sits, when it was written, and its raw key, value and headers.
 * {@code key} and {@code value} are null for a record that has none (a Kafka tombstone has a null value).
 *
 * @param destination  topic or queue
 * @param partition    Kafka partition; 0 where the broker has none
 * @param offset       position within the partition (or stream); -1 where the broker has none
 * @param timestamp    the broker's or producer's timestamp
 * @param key          raw key bytes, or null
 * @param value        raw value bytes, or null
 * @param headers      in the order they were written; a name may repeat (the last one is current)
 * @param redelivered  RabbitMQ's redelivered flag (browsing a queue sets it); always false on Kafka
 * @param properties   what the broker says about the message beyond its headers: on RabbitMQ the exchange,
 *                     routing key and AMQP properties ({@code correlation_id}, {@code message_id}, ...); empty on
 *                     Kafka
 * @param decoded      the value read through its schema (Avro, Protobuf...) where a {@link
 *                     dev.flowdeck.core.decode.ValueDecoder} read it, else null; {@code value} stays the raw bytes
 */
public record BrowsedMessage(
        String destination, int partition, long offset, Instant timestamp, byte[] key, byte[] value,
        List<MessageHeader> headers, boolean redelivered, Map<String, String> properties, DecodedValue decoded) {

    public BrowsedMessage {
        headers = List.copyOf(headers);
        properties = Map.copyOf(properties);
    }

    /** A message as its bytes say, not read through a schema. */
    public BrowsedMessage(String destination, int partition, long offset, Instant timestamp, byte[] key,
                          byte[] value, List<MessageHeader> headers, boolean redelivered,
                          Map<String, String> properties) {
        this(destination, partition, offset, timestamp, key, value, headers, redelivered, properties, null);
    }

    /** A Kafka record: no broker properties, never redelivered. */
    public BrowsedMessage(String destination, int partition, long offset, Instant timestamp, byte[] key,
                          byte[] value, List<MessageHeader> headers) {
        this(destination, partition, offset, timestamp, key, value, headers, false, Map.of());
    }

    /** The same message with its value read through a schema (null: not read). */
    public BrowsedMessage withDecoded(DecodedValue reading) {
        return new BrowsedMessage(destination, partition, offset, timestamp, key, value, headers, redelivered,
                properties, reading);
    }

    /**
     * What to show, search and filter: the value's JSON where a schema read it, else the raw value. Sending (a
     * replay, a copy) uses {@link #value()}, the bytes as written.
     */
    public byte[] readableValue() {
        return decoded != null && decoded.isRead() ? decoded.json() : value;
    }

    /** The last header of that name, as Kafka's {@code lastHeader} does. */
    public Optional<MessageHeader> lastHeader(String name) {
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).name().equals(name)) {
                return Optional.of(headers.get(i));
            }
        }
        return Optional.empty();
    }

    /** Bytes of key, value and headers: what the message weighs on the wire, near enough. */
    public long sizeInBytes() {
        long size = (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        for (MessageHeader header : headers) {
            size += header.name().length() + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }
}
