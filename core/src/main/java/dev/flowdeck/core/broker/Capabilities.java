package dev.flowdeck.core.broker;

/**
 * What a broker can really do, so views adapt instead of pretending. Kafka and RabbitMQ streams read without side
 * effects; a classic or quorum queue can only be "browsed" by taking messages and requeueing them.
 *
 * @param nonDestructiveBrowse reading messages leaves them, their order and their flags exactly as they were
 * @param offsetSeek           a browse can start at a given offset
 * @param timestampSeek        a browse can start at a point in time
 * @param partitions           destinations are split into partitions that can be read one by one
 * @param lagByOffset          consumer lag is committed offset against end offset (rather than a queue depth)
 */
public record Capabilities(
        boolean nonDestructiveBrowse, boolean offsetSeek, boolean timestampSeek, boolean partitions,
        boolean lagByOffset) {

    public static final Capabilities KAFKA = new Capabilities(true, true, true, true, true);
}
