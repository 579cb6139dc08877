package dev.flowdeck.core.broker;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One Kafka topic as the navigation tree and the topic table show it.
 *
 * @param name              the topic's name
 * @param partitions        its partition count
 * @param replicationFactor replicas per partition
 * @param messageCount      records currently held: the sum over partitions of end offset minus start offset (an
 *                          upper bound on compacted topics, where offsets have gaps)
 * @param sizeBytes         bytes on disk over all replicas' leaders, or -1 when the broker did not say
 * @param retentionMs       {@code retention.ms}; empty when unlimited or unknown
 * @param cleanupPolicy     {@code delete}, {@code compact} or both; empty when unknown
 */
public record TopicSummary(
        String name, int partitions, int replicationFactor, long messageCount, long sizeBytes,
        OptionalLong retentionMs, String cleanupPolicy) implements Destination {

    public TopicSummary {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(retentionMs, "retentionMs");
        Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
        if (partitions < 0 || messageCount < 0) {
            throw new IllegalArgumentException("negative counts for topic " + name);
        }
    }

    /** A topic whose configuration and size are not known (yet). */
    public TopicSummary(String name, int partitions, int replicationFactor, long messageCount) {
        this(name, partitions, replicationFactor, messageCount, -1, OptionalLong.empty(), "");
    }

    @Override
    public String namespace() {
        return "";
    }
}
