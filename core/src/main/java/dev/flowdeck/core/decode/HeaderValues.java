package dev.flowdeck.core.decode;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Set;

/**
 * Shows a header's bytes the way an operator reads them: text when they are UTF-8 text, numbers for the binary
 * ints and longs Spring Kafka writes into dead letters (tools that print those as text show garbage), hex for the
 * rest. Never throws, whatever the bytes.
 */
public final class HeaderValues {

    /** The Spring Kafka headers that hold a 4-byte big-endian int. */
    private static final Set<String> INTS = Set.of("kafka_dlt-original-partition", "kafka_original-partition",
            "kafka_dlt-key-exception-partition");
    /** The Spring Kafka headers that hold an 8-byte big-endian long. */
    private static final Set<String> LONGS = Set.of("kafka_dlt-original-offset", "kafka_dlt-original-timestamp",
            "kafka_original-offset", "kafka_original-timestamp", "retry_topic-backoff-timestamp",
            "retry_topic-original-timestamp");

    /** How a header value was read. */
    public enum Kind { TEXT, NUMBER, BINARY, NULL }

    /** A header value ready to show: its text and how it was read. */
    public record Shown(String text, Kind kind) {
    }

    private HeaderValues() {
    }

    public static Shown show(String name, byte[] value) {
        if (value == null) {
            return new Shown("(null)", Kind.NULL);
        }
        if (INTS.contains(name) && value.length == Integer.BYTES) {
            return new Shown(Integer.toString(ByteBuffer.wrap(value).getInt()), Kind.NUMBER);
        }
        if (LONGS.contains(name) && value.length == Long.BYTES) {
            return new Shown(Long.toString(ByteBuffer.wrap(value).getLong()), Kind.NUMBER);
        }
        String text = Utf8.decodeOrNull(value);
        if (text != null && PayloadFormat.printable(text)) {
            return new Shown(text, Kind.TEXT);
        }
        return new Shown("0x" + HexFormat.of().formatHex(value), Kind.BINARY);
    }
}
