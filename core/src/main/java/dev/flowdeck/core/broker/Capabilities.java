package dev.flowdeck.core.broker;

/**
 * What a broker can really do, so views adapt instead of pretending.
 *
 * @param nonDestructiveBrowse reading messages leaves them, their order and their flags as they were (Kafka; on
 *                             RabbitMQ only streams: see {@link QueueType#browsesWithoutSideEffects()})
 * @param offsetSeek           a browse can start at a given offset
 * @param timestampSeek        a browse can start at a point in time
 * @param partitions           destinations are split into partitions that can be read one by one
 * @param consumerGroups       consumers form groups with committed offsets (Kafka); RabbitMQ has consumers per
 *                             queue instead, shown with the queue
 */
public record Capabilities(
        boolean nonDestructiveBrowse, boolean offsetSeek, boolean timestampSeek, boolean partitions,
        boolean consumerGroups) {

    public static final Capabilities KAFKA = new Capabilities(true, true, true, true, true);
    /** Broker-wide; streams can seek by offset and time, classic and quorum queues cannot. */
    public static final Capabilities RABBITMQ = new Capabilities(false, true, true, false, false);
}
