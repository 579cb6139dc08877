package dev.flowdeck.schemas;

import java.util.Locale;

/** How a topic's values are read: found out per record ({@link #AUTO}), or as the operator says for that topic. */
public enum TopicFormat {
    /** The registry's wire format where a value starts with its magic byte; otherwise as the bytes say. */
    AUTO,
    AVRO,
    PROTOBUF,
    JSON_SCHEMA,
    /** Never read through a schema: shown as the bytes say (JSON, text or hex). */
    JSON,
    TEXT,
    BINARY;

    /** {@code auto}, {@code avro}, {@code protobuf}, {@code json-schema}, {@code json}, {@code text}, {@code binary}. */
    public static TopicFormat parse(String text) {
        String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("A topic's format is auto, avro, protobuf, json-schema, json, text or "
                    + "binary, not " + text + ".", e);
        }
    }

    boolean readsThroughSchema() {
        return this != JSON && this != TEXT && this != BINARY;
    }

    /** The registry's {@code schemaType} this format expects, or null for any. */
    String registryType() {
        return switch (this) {
            case AVRO -> "AVRO";
            case PROTOBUF -> "PROTOBUF";
            case JSON_SCHEMA -> "JSON";
            default -> null;
        };
    }
}
