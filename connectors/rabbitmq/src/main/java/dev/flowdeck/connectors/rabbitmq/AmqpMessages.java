package dev.flowdeck.connectors.rabbitmq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.LongString;
import com.rabbitmq.client.impl.LongStringHelper;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.decode.ContentDecoding;
import dev.flowdeck.core.decode.DecodedValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between AMQP messages and the broker API's records. Header values keep their bytes where they are
 * strings; numbers, booleans and times become their text; tables and arrays (such as {@code x-death}) become JSON,
 * so the dead-letter decoders read one structured form whatever the broker sent.
 */
final class AmqpMessages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AmqpMessages() {
    }

    /** As read, its value not decoded (a hold that finds messages by their bytes needs no more). */
    static BrowsedMessage toBrowsed(String queue, long position, Envelope envelope, AMQP.BasicProperties props,
                                    byte[] body) {
        return toBrowsed(queue, position, envelope, props, body, null);
    }

    /**
     * As read, with its value read by its {@code content_type} and {@code content_encoding} ({@code content}; null:
     * not read), on the reading thread before the filter, so filters see what the browser shows.
     */
    static BrowsedMessage toBrowsed(String queue, long position, Envelope envelope, AMQP.BasicProperties props,
                                    byte[] body, ContentDecoding content) {
        List<MessageHeader> headers = new ArrayList<>();
        long offset = position;
        if (props.getHeaders() != null) {
            for (Map.Entry<String, Object> header : props.getHeaders().entrySet()) {
                if (header.getKey().equals("x-stream-offset") && header.getValue() instanceof Number number) {
                    offset = number.longValue(); // a stream's own offset beats our count
                }
                headers.add(new MessageHeader(header.getKey(), bytes(header.getValue())));
            }
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("exchange", envelope.getExchange());
        properties.put("routing_key", envelope.getRoutingKey());
        put(properties, "content_type", props.getContentType());
        put(properties, "content_encoding", props.getContentEncoding());
        put(properties, "correlation_id", props.getCorrelationId());
        put(properties, "message_id", props.getMessageId());
        put(properties, "reply_to", props.getReplyTo());
        put(properties, "type", props.getType());
        put(properties, "app_id", props.getAppId());
        put(properties, "user_id", props.getUserId());
        put(properties, "expiration", props.getExpiration());
        put(properties, "delivery_mode", props.getDeliveryMode());
        put(properties, "priority", props.getPriority());
        Instant timestamp = props.getTimestamp() == null ? null : props.getTimestamp().toInstant();
        DecodedValue decoded = content == null ? null
                : content.decode(props.getContentType(), props.getContentEncoding(), props.getType(), body);
        return new BrowsedMessage(queue, 0, offset, timestamp,
                envelope.getRoutingKey().getBytes(StandardCharsets.UTF_8), body, headers, envelope.isRedeliver(),
                properties, decoded);
    }

    /** AMQP properties from their protocol names; headers as long strings (bytes kept as they are). */
    static AMQP.BasicProperties toProperties(List<MessageHeader> headers, Map<String, String> properties) {
        Map<String, Object> table = new HashMap<>();
        headers.forEach(header -> table.put(header.name(),
                header.value() == null ? null : LongStringHelper.asLongString(header.value())));
        var builder = new AMQP.BasicProperties.Builder().headers(table).deliveryMode(2);
        properties.forEach((name, value) -> {
            switch (name) {
                case "content_type" -> builder.contentType(value);
                case "content_encoding" -> builder.contentEncoding(value);
                case "correlation_id" -> builder.correlationId(value);
                case "message_id" -> builder.messageId(value);
                case "reply_to" -> builder.replyTo(value);
                case "type" -> builder.type(value);
                case "app_id" -> builder.appId(value);
                case "expiration" -> builder.expiration(value);
                case "priority" -> builder.priority(Integer.parseInt(value));
                case "delivery_mode" -> builder.deliveryMode(Integer.parseInt(value));
                case "timestamp" -> builder.timestamp(Date.from(Instant.parse(value)));
                default -> throw new IllegalArgumentException("'" + name + "' is not an AMQP property");
            }
        });
        return builder.build();
    }

    static byte[] bytes(Object value) {
        return switch (value) {
            case null -> null;
            case LongString text -> text.getBytes();
            case byte[] raw -> raw;
            case String text -> text.getBytes(StandardCharsets.UTF_8);
            case Date date -> date.toInstant().toString().getBytes(StandardCharsets.UTF_8);
            case List<?> list -> json(plain(list));
            case Map<?, ?> map -> json(plain(map));
            default -> value.toString().getBytes(StandardCharsets.UTF_8);
        };
    }

    /** Nested AMQP values made plain for JSON: long strings as text, times as ISO instants. */
    private static Object plain(Object value) {
        return switch (value) {
            case LongString text -> text.toString();
            case Date date -> date.toInstant().toString();
            case byte[] raw -> new String(raw, StandardCharsets.UTF_8);
            case List<?> list -> list.stream().map(AmqpMessages::plain).toList();
            case Map<?, ?> map -> {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(String.valueOf(k), v == null ? null : plain(v)));
                yield copy;
            }
            default -> value;
        };
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
        }
    }

    private static void put(Map<String, String> properties, String name, Object value) {
        if (value != null) {
            properties.put(name, value.toString());
        }
    }
}
