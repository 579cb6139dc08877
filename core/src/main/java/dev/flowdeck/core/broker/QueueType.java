package dev.flowdeck.core.broker;

import java.util.Locale;

/** RabbitMQ's kinds of queue; they differ in what reading them does. */
public enum QueueType {
    CLASSIC,
    QUORUM,
    /** An append-only log read by offset, like a Kafka partition. */
    STREAM;

    /**
     * Whether a browse leaves the queue exactly as it was. Only streams: a classic or quorum queue can only be
     * read by taking messages and putting them back, which changes their order and sets the redelivered flag.
     */
    public boolean browsesWithoutSideEffects() {
        return this == STREAM;
    }

    /** From the management API's {@code type} field; unknown or missing types are classic (the default). */
    public static QueueType fromManagementName(String type) {
        if (type == null) {
            return CLASSIC;
        }
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "quorum" -> QUORUM;
            case "stream" -> STREAM;
            default -> CLASSIC;
        };
    }
}
