package dev.flowdeck.core.lag;

/**
 * How far one group is behind on one partition.
 *
 * @param topic     the topic
 * @param partition the partition
 * @param committed the group's committed offset (the next record it will read); -1 if it has none
 * @param end       the partition's end offset (the offset the next record written will get)
 */
public record PartitionLag(String topic, int partition, long committed, long end) {

    /** Records written but not yet consumed; a partition without a commit counts as fully behind. */
    public long lag() {
        return committed < 0 ? end : Math.max(0, end - committed);
    }
}
