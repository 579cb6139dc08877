package dev.flowdeck.core.deadletter;

/**
 * Where a dead letter was before it failed: the place a replay sends it back to, and the first half of the key its
 * failures are grouped by.
 */
public sealed interface Origin permits KafkaOrigin, RabbitOrigin {

    /** The topic or queue the message failed in, as grouping and the inbox name it. */
    String destination();
}
