package dev.flowdeck.core.trace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.decode.DecodedValue;
import dev.flowdeck.core.decode.Utf8;
import dev.flowdeck.core.filter.JsonFieldPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The business keys that tie the events of one transaction together when trace context is missing (a producer that
 * is not instrumented, a RabbitMQ publisher that never heard of {@code traceparent}). Configured per profile as
 * one line, for example {@code header:correlation-id, property:correlation_id, $.orderId}:
 * <ul>
 *   <li>{@code header:NAME}: the last header of that name, as UTF-8 text;</li>
 *   <li>{@code property:NAME}: what the broker says about the message, by the browser's names (RabbitMQ's
 *       {@code correlation_id}, {@code message_id}; Kafka has none);</li>
 *   <li>{@code $.a.b}: a field of a JSON payload, read by streaming (only field names, no indexes or filters).</li>
 * </ul>
 * A bare name is a header. Values are compared as text; an empty value is no key.
 *
 * @param headers    header names
 * @param properties broker property names
 * @param fields     JSON field paths, as written
 */
public record CorrelationKeys(List<String> headers, List<String> properties, List<String> fields) {

    public static final CorrelationKeys NONE = new CorrelationKeys(List.of(), List.of(), List.of());

    /** What a new profile starts with: the names the common frameworks write, and none of the payload. */
    public static final CorrelationKeys DEFAULTS = new CorrelationKeys(List.of("correlation-id", "correlationId"),
            List.of("correlation_id"), List.of());

    private static final String HEADER = "header:";
    private static final String PROPERTY = "property:";

    public CorrelationKeys {
        headers = List.copyOf(headers);
        properties = List.copyOf(properties);
        fields = List.copyOf(fields);
    }

    /**
     * Reads a profile's line. Entries are separated by commas; blanks around them are ignored.
     *
     * @throws IllegalArgumentException naming the entry that is not a key, in words for the settings dialog
     */
    public static CorrelationKeys parse(String line) {
        List<String> headers = new ArrayList<>();
        List<String> properties = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        for (String raw : line.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.startsWith("$")) {
                if (JsonFieldPath.parse(entry).isEmpty()) {
                    throw new IllegalArgumentException("'" + entry + "' is not a path of field names such as "
                            + "$.orderId (indexes, wildcards and filters cannot be a correlation key)");
                }
                fields.add(entry);
            } else if (entry.startsWith(PROPERTY)) {
                properties.add(named(entry, PROPERTY));
            } else if (entry.startsWith(HEADER)) {
                headers.add(named(entry, HEADER));
            } else {
                headers.add(entry);
            }
        }
        return new CorrelationKeys(headers, properties, fields);
    }

    private static String named(String entry, String prefix) {
        String name = entry.substring(prefix.length()).strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("'" + entry + "' names no " + prefix.substring(0, prefix.length() - 1));
        }
        return name;
    }

    /** The profile's line; {@code parse(format())} gives these keys back. */
    public String format() {
        List<String> entries = new ArrayList<>();
        headers.forEach(name -> entries.add(HEADER + name));
        properties.forEach(name -> entries.add(PROPERTY + name));
        entries.addAll(fields);
        return String.join(", ", entries);
    }

    public boolean isEmpty() {
        return headers.isEmpty() && properties.isEmpty() && fields.isEmpty();
    }

    /** Reads the keys of messages; compiled once, so a scan does not parse its paths per message. Thread-safe. */
    public Reader reader() {
        return new Reader(this);
    }

    /** The compiled form of the keys. */
    public static final class Reader {

        private final CorrelationKeys keys;
        private final Map<String, JsonFieldPath> paths = new LinkedHashMap<>();
        /** The paths' field names, as a value read through a schema is asked for just them. */
        private final List<List<String>> fieldNames;

        private Reader(CorrelationKeys keys) {
            this.keys = keys;
            keys.fields.forEach(field -> paths.put(field, JsonFieldPath.parse(field).orElseThrow(
                    () -> new IllegalArgumentException("'" + field + "' is not a path of field names"))));
            this.fieldNames = paths.values().stream().map(JsonFieldPath::fields).distinct().toList();
        }

        /**
         * What the key paths are read from: where a schema read the value and its JSON is not made yet, JSON of just
         * the paths' fields if the decoder can make it (the paths find in it what they find in the whole JSON, at
         * their first occurrence, as they read); else the readable value, its JSON made now.
         */
        private byte[] readable(BrowsedMessage message) {
            DecodedValue decoded = message.decoded();
            if (decoded != null && !fieldNames.isEmpty()) {
                byte[] fields = decoded.fieldsJson(fieldNames);
                if (fields != null) {
                    return fields;
                }
            }
            return message.readableValue();
        }

        /** The key values {@code message} carries, in the order the keys are configured, without repeats. */
        public List<String> valuesOf(BrowsedMessage message) {
            List<String> values = new ArrayList<>(2);
            for (String name : keys.headers) {
                message.lastHeader(name).map(header -> header.value() == null ? null : Utf8.decodeOrNull(
                        header.value())).ifPresent(value -> add(values, value));
            }
            for (String name : keys.properties) {
                add(values, message.properties().get(name));
            }
            if (paths.isEmpty()) {
                return values;
            }
            byte[] readable = readable(message); // an Avro or Protobuf value's JSON, where a schema read it
            if (readable != null) {
                for (JsonFieldPath path : paths.values()) {
                    JsonNode found = path.findFirst(readable); // stops at the key: read from every message
                    // Objects and arrays are no key: only a scalar names one transaction.
                    if (found != null && found.isValueNode() && !found.isNull()) {
                        add(values, found.asText());
                    }
                }
            }
            return values;
        }

        /**
         * The fingerprints of {@link #valuesOf}, in its order and without its repeats, appended to {@code prints}:
         * what the index keeps of a key. A payload key that is a plain ASCII string is fingerprinted from the value's
         * bytes where the byte walk found it, without a node or a String; anything else is read as
         * {@link #valuesOf} reads it.
         */
        void fingerprints(BrowsedMessage message, KeyPrints prints) {
            for (String name : keys.headers) {
                message.lastHeader(name).map(header -> header.value() == null ? null : Utf8.decodeOrNull(
                        header.value())).ifPresent(value -> add(prints, value));
            }
            for (String name : keys.properties) {
                add(prints, message.properties().get(name));
            }
            if (paths.isEmpty()) {
                return;
            }
            byte[] readable = readable(message);
            if (readable == null) {
                return;
            }
            for (JsonFieldPath path : paths.values()) {
                long range = path.firstRange(readable);
                if (range == JsonFieldPath.ABSENT) {
                    continue;
                }
                if (range != JsonFieldPath.UNSURE) {
                    int start = JsonFieldPath.rangeStart(range);
                    int end = JsonFieldPath.rangeEnd(range);
                    if (readable[start] == '"' && plainAscii(readable, start + 1, end - 1)) {
                        if (!blank(readable, start + 1, end - 1)) {
                            prints.addAscii(readable, start + 1, end - 1);
                        }
                        continue;
                    }
                }
                JsonNode found = path.findFirst(readable);
                if (found != null && found.isValueNode() && !found.isNull()) {
                    add(prints, found.asText());
                }
            }
        }

        private static void add(KeyPrints prints, String value) {
            if (value != null && !value.isBlank()) {
                prints.add(value);
            }
        }

        /** Printable ASCII without escapes: the bytes are the text, one char each. */
        private static boolean plainAscii(byte[] bytes, int from, int to) {
            for (int i = from; i < to; i++) {
                byte b = bytes[i];
                if (b < 0x20 || b == '\\') {
                    return false; // a byte of a multi-byte character is negative
                }
            }
            return true;
        }

        /** Only spaces (the one blank a plain JSON string may hold raw), or nothing. */
        private static boolean blank(byte[] bytes, int from, int to) {
            for (int i = from; i < to; i++) {
                if (bytes[i] != ' ') {
                    return false;
                }
            }
            return true;
        }

        private static void add(List<String> values, String value) {
            if (value != null && !value.isBlank() && !values.contains(value)) {
                values.add(value);
            }
        }

        @Override
        public String toString() {
            return Objects.toString(keys.format());
        }
    }
}
