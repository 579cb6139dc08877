package dev.flowdeck.core.broker;

import java.util.Objects;

/**
 * One topic as the navigation tree and the topic table show it.
 *
 * @param name              the topic's name
 * @param partitions        its partition count
 * @param replicationFactor replicas per partition
 * @param messageCount      records currently held: the sum over partitions of end offset minus start offset (an
 *                          upper bound on compacted topics, where offsets have gaps)
 */
public record TopicSummary(String name, int partitions, int replicationFactor, long messageCount) {

    public TopicSummary {
        Objects.requireNonNull(name, "name");
        if (partitions < 0 || messageCount < 0) {
            throw new IllegalArgumentException("negative counts for topic " + name);
        }
    }
}
