package dev.flowdeck.core.browse;

/**
 * What one partition holds right now: the first offset still kept and the offset the next record will get.
 *
 * <p>A RabbitMQ queue shows as one partition 0 whose range is its depth ({@code low} 0, {@code high} the messages
 * it holds): it has no offsets an operator could seek to, but the depth is what the browser's progress needs.
 *
 * @param partition the partition number
 * @param low       the earliest offset still held (Kafka's log start offset)
 * @param high      the end offset: one past the newest record
 */
public record PartitionOffsets(int partition, long low, long high) {

    public PartitionOffsets {
        if (low < 0 || high < low) {
            throw new IllegalArgumentException("partition " + partition + " has no valid range " + low + ".." + high);
        }
    }

    /** Records in the range: exact on a plain topic, an upper bound on a compacted one (offsets have gaps). */
    public long count() {
        return high - low;
    }
}
