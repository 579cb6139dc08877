package dev.flowdeck.core.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How far one group is behind on one partition.
 *
 * @param topic            the topic
 * @param partition        the partition
 * @param committed        the group's committed offset (the next record it will read); -1 if it has none
 * @param end              the partition's end offset (the offset the next record written will get)
 * @param oldestUnconsumed when the oldest record the group has not consumed was written (the timestamp of the record
 *                         at the committed offset); empty when nothing waits or the connector could not read it
 */
public record PartitionLag(String topic, int partition, long committed, long end, Optional<Instant> oldestUnconsumed) {

    public PartitionLag {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(oldestUnconsumed, "oldestUnconsumed");
    }

    /** A partition whose waiting records' age is not known (or nothing waits). */
    public PartitionLag(String topic, int partition, long committed, long end) {
        this(topic, partition, committed, end, Optional.empty());
    }

    /** Records written but not yet consumed; a partition without a commit counts as fully behind. */
    public long lag() {
        return committed < 0 ? end : Math.max(0, end - committed);
    }

    /**
     * Lag in time at {@code now}: how long the oldest waiting record has waited. Zero when nothing waits; empty when
     * records wait but their age is unknown.
     */
    public Optional<Duration> timeLag(Instant now) {
        if (lag() == 0) {
            return Optional.of(Duration.ZERO);
        }
        return oldestUnconsumed.map(written -> written.isAfter(now) ? Duration.ZERO : Duration.between(written, now));
    }

    public PartitionLag withOldestUnconsumed(Optional<Instant> written) {
        return new PartitionLag(topic, partition, committed, end, written);
    }

    /** "orders-2": how operators name a partition. */
    public String label() {
        return topic + "-" + partition;
    }
}
