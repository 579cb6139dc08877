package dev.flowdeck.core.deadletter;

/** The dead-letter convention a message's headers were read by (see {@link DeadLetterDecoder} for the order). */
public enum Convention {
    /** A header mapping the operator set on the profile for a home-grown convention. */
    CUSTOM("home-grown (profile's header mapping)"),
    /** Spring Kafka's {@code DeadLetterPublishingRecoverer}: {@code kafka_dlt-*} headers. */
    SPRING_KAFKA("Spring Kafka"),
    /** Spring Kafka forwarding to a topic that is not a dead-letter topic: {@code kafka_original-*} headers. */
    SPRING_KAFKA_FORWARDED("Spring Kafka (forwarded)"),
    /** Kafka Connect's sink dead-letter queue with context headers: {@code __connect.errors.*}. */
    KAFKA_CONNECT("Kafka Connect"),
    /** RabbitMQ's dead-letter exchanges: {@code x-death} and {@code x-first/last-death-*}. */
    RABBITMQ("RabbitMQ x-death"),
    /** Spring Cloud Stream's Kafka binder: {@code x-original-*} and {@code x-exception-*}. */
    SPRING_CLOUD_STREAM("Spring Cloud Stream"),
    /** Karafka (Ruby): {@code original_*}. */
    KARAFKA("Karafka"),
    /** No convention recognised: the message may not be a dead letter at all. */
    NONE("none recognised");

    private final String spoken;

    Convention(String spoken) {
        this.spoken = spoken;
    }

    /** How the inbox names it. */
    public String spoken() {
        return spoken;
    }
}
