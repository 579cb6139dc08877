package dev.flowdeck.replay;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageHeader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Dead letters for tests, as a connector would hand them over. */
final class Messages {

    static final Instant READ_AT = Instant.parse("2025-03-01T10:15:30Z");

    private Messages() {
    }

    static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    static MessageHeader header(String name, String value) {
        return new MessageHeader(name, utf8(value));
    }

    /** A Spring Kafka dead letter of {@code orders}, partition 3, at {@code offset} of {@code orders.DLT}. */
    static BrowsedMessage kafkaDeadLetter(long offset, String value, MessageHeader... extra) {
        List<MessageHeader> headers = new ArrayList<>(List.of(header("traceparent", "00-abc-def-01"),
                header("kafka_dlt-original-topic", "orders"), header("kafka_dlt-original-partition", "3"),
                header("kafka_dlt-exception-message", "timeout")));
        headers.addAll(List.of(extra));
        return new BrowsedMessage("orders.DLT", 0, offset, READ_AT, utf8("order-" + offset), utf8(value), headers);
    }

    /** A RabbitMQ dead letter in queue {@code payments.dlq}, with its x-death header and AMQP properties. */
    static BrowsedMessage rabbitDeadLetter(String messageId, String value) {
        return new BrowsedMessage("payments.dlq", 0, 0, READ_AT, utf8("payments.dlq"), utf8(value),
                List.of(header("x-death", "[{\"queue\":\"payments\"}]"), header("tenant", "eu")), true,
                Map.of("exchange", "dlx", "routing_key", "payments.dlq", "message_id", messageId,
                        "content_type", "application/json", "expiration", "60000", "user_id", "guest"));
    }

    static ReplaySelection kafkaSelection(BrowsedMessage... messages) {
        return new ReplaySelection("dead letters of orders.DLT", EventIdentity.BY_OFFSET,
                java.util.Arrays.stream(messages)
                        .map(message -> new SelectedEvent(message, ReplayTarget.KafkaTopic.toPartition("orders", 3)))
                        .toList());
    }
}
