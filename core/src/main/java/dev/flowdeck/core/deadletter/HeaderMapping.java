package dev.flowdeck.core.deadletter;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which header holds what in a home-grown dead-letter convention, set per connection profile. Kept as profile
 * properties, one per field: {@code flowdeck.dead-letter.header.origin=x-source-topic},
 * {@code flowdeck.dead-letter.header.exception-class=x-error-type}, ... (the {@code flowdeck.} prefix keeps them
 * away from the broker clients). Numbers may be decimal text or big-endian binary, times epoch milliseconds or
 * ISO-8601, as {@link DeadLetterDecoder} reads them everywhere.
 *
 * @param headers the header name of each field mapped; fields not mapped stay empty in the dead letter
 */
public record HeaderMapping(Map<Field, String> headers) {

    /** Where the mapping's properties live in a profile's properties. */
    public static final String PREFIX = "flowdeck.dead-letter.header.";

    /** What a header can stand for. */
    public enum Field {
        /** The topic (or, on RabbitMQ, the queue) the message failed in. */
        ORIGIN("origin"),
        ORIGIN_PARTITION("origin-partition"),
        ORIGIN_OFFSET("origin-offset"),
        ORIGIN_TIMESTAMP("origin-timestamp"),
        /** RabbitMQ: the exchange it was published to; with it the origin is a queue, not a topic. */
        ORIGIN_EXCHANGE("origin-exchange"),
        ORIGIN_ROUTING_KEY("origin-routing-key"),
        CONSUMER_GROUP("consumer-group"),
        EXCEPTION_CLASS("exception-class"),
        EXCEPTION_MESSAGE("exception-message"),
        STACK_TRACE("stack-trace"),
        REASON("reason"),
        COUNT("count"),
        FAILED_AT("failed-at");

        private final String property;

        Field(String property) {
            this.property = property;
        }

        /** The property's name after {@link #PREFIX}. */
        public String property() {
            return property;
        }

        static Optional<Field> byProperty(String property) {
            for (Field field : values()) {
                if (field.property.equals(property)) {
                    return Optional.of(field);
                }
            }
            return Optional.empty();
        }
    }

    public static final HeaderMapping NONE = new HeaderMapping(Map.of());

    public HeaderMapping {
        EnumMap<Field, String> copy = new EnumMap<>(Field.class);
        headers.forEach((field, header) -> {
            if (header != null && !header.isBlank()) {
                copy.put(field, header.strip());
            }
        });
        headers = java.util.Collections.unmodifiableMap(copy);
    }

    public boolean isEmpty() {
        return headers.isEmpty();
    }

    public Optional<String> header(Field field) {
        return Optional.ofNullable(headers.get(field));
    }

    /**
     * The mapping a profile's properties hold. Lenient, since a profile is read at every connect: properties it
     * does not know and blank header names are passed over ({@link #problems} says which).
     */
    public static HeaderMapping fromProperties(Map<String, String> properties) {
        Map<Field, String> headers = new EnumMap<>(Field.class);
        properties.forEach((name, value) -> {
            if (name.startsWith(PREFIX)) {
                Field.byProperty(name.substring(PREFIX.length()).toLowerCase(Locale.ROOT))
                        .ifPresent(field -> headers.put(field, value));
            }
        });
        return new HeaderMapping(headers);
    }

    /** What is wrong with the mapping in these properties, in words for the profile form; empty when nothing. */
    public static List<String> problems(Map<String, String> properties) {
        List<String> problems = new ArrayList<>();
        properties.forEach((name, value) -> {
            if (name.startsWith(PREFIX)) {
                String field = name.substring(PREFIX.length());
                if (Field.byProperty(field.toLowerCase(Locale.ROOT)).isEmpty()) {
                    problems.add("'" + field + "' is not a dead-letter field; known: " + knownFields());
                } else if (value == null || value.isBlank()) {
                    problems.add("the header for '" + field + "' is blank");
                }
            }
        });
        problems.sort(null);
        return problems;
    }

    /** The mapping as profile properties: one per mapped field. */
    public Map<String, String> toProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        headers.forEach((field, header) -> properties.put(PREFIX + field.property(), header));
        return properties;
    }

    /** {@code properties} with this mapping in place of whatever mapping they held. */
    public Map<String, String> replaceIn(Map<String, String> properties) {
        Map<String, String> replaced = new LinkedHashMap<>();
        properties.forEach((name, value) -> {
            if (!name.startsWith(PREFIX)) {
                replaced.put(name, value);
            }
        });
        replaced.putAll(toProperties());
        return replaced;
    }

    private static String knownFields() {
        return String.join(", ", java.util.Arrays.stream(Field.values()).map(Field::property).toList());
    }
}
