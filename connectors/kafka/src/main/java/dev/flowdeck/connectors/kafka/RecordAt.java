package dev.flowdeck.connectors.kafka;

import java.util.Comparator;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a time-lag lookup reads: the first record at or after {@code offset} in a partition. Many groups waiting at
 * the same place share one lookup, and its answer never changes while the record is kept, so it is also the key of
 * the cache of write times.
 */
record RecordAt(TopicPartition partition, long offset) {

    static final Comparator<RecordAt> IN_LOG_ORDER = Comparator.comparing((RecordAt at) -> at.partition().topic())
            .thenComparingInt(at -> at.partition().partition())
            .thenComparingLong(RecordAt::offset);

    RecordAt {
        Objects.requireNonNull(partition, "partition");
        if (offset < 0) {
            throw new IllegalArgumentException("an offset is never negative, was " + offset);
        }
    }
}
