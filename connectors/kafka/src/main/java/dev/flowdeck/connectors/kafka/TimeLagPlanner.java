package dev.flowdeck.connectors.kafka;

import dev.flowdeck.core.lag.ConsumerGroupLag;
import dev.flowdeck.core.lag.PartitionLag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * Decides, for one round, which records to read for the groups' lag in time, and fills in what was found.
 *
 * <p>A group's oldest waiting record on a partition is the one at its committed offset; without a commit, or when
 * retention deleted the records there, it is the first record still in the log. Groups waiting at the same place
 * share one lookup; lookups answered by earlier rounds come from the cache; the rest are read largest lag first, up
 * to the budget. A lookup left over keeps the write time the group's partition had in the last round, as long as
 * its committed offset has not moved back: an earlier record's time, so the age shown errs long, never short, and
 * only by how far the group got since. Without one it stays unknown.
 *
 * <p>Not thread-safe: only the time-lag thread uses it ({@link #lastLookups()} excepted).
 */
final class TimeLagPlanner {

    /** Reads write times: an answer for each lookup it got to (empty: no record there below the end). */
    @FunctionalInterface
    interface WriteTimes {
        Map<RecordAt, Optional<Instant>> read(List<RecordAt> lookups, Map<TopicPartition, Long> ends);
    }

    private record GroupPartition(String group, TopicPartition partition) {
    }

    /** What the group's partition had last time: the write time of the record at {@code offset}. */
    private record Known(long offset, Instant writtenAt) {
    }

    private final WriteTimeCache cache;
    private final int maxLookups;
    private Map<GroupPartition, Known> lastRound = Map.of();
    private volatile TimeLagLookups lastLookups = TimeLagLookups.NONE; // read by tests from other threads

    TimeLagPlanner(WriteTimeCache cache, int maxLookups) {
        this.cache = cache;
        this.maxLookups = maxLookups;
    }

    /**
     * @param groups    every group's lag, without ages
     * @param logStarts each partition's first offset still in the log; a partition missing here is read from its
     *                  committed offset (the reader falls back to the log start if that is gone)
     */
    List<ConsumerGroupLag> withTimeLag(List<ConsumerGroupLag> groups, Map<TopicPartition, Long> logStarts,
                                       WriteTimes source) {
        Map<RecordAt, Long> wanted = new HashMap<>(); // each lookup, with the largest lag waiting on it
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (ConsumerGroupLag group : groups) {
            for (PartitionLag partition : group.partitions()) {
                oldestWaiting(partition, logStarts).ifPresent(at -> {
                    wanted.merge(at, partition.lag(), Math::max);
                    ends.put(at.partition(), partition.end());
                });
            }
        }
        Map<RecordAt, Optional<Instant>> known = new HashMap<>();
        List<RecordAt> toRead = new ArrayList<>();
        wanted.keySet().forEach(at -> cache.get(at).ifPresentOrElse(
                writtenAt -> known.put(at, Optional.of(writtenAt)), () -> toRead.add(at)));
        toRead.sort(Comparator.comparing((RecordAt at) -> wanted.get(at)).reversed().thenComparing(RecordAt.IN_LOG_ORDER));
        List<RecordAt> lookups = toRead.subList(0, Math.min(toRead.size(), maxLookups));
        Map<RecordAt, Optional<Instant>> read = lookups.isEmpty() ? Map.of() : source.read(List.copyOf(lookups), ends);
        read.forEach((at, writtenAt) -> {
            writtenAt.ifPresent(time -> cache.put(at, time));
            known.put(at, writtenAt);
        });

        Map<GroupPartition, Known> remembered = new HashMap<>();
        List<ConsumerGroupLag> filled = groups.stream()
                .map(group -> group.withPartitions(group.partitions().stream()
                        .map(partition -> filled(group.group(), partition, logStarts, known, remembered))
                        .toList()))
                .toList();
        lastRound = remembered;
        lastLookups = new TimeLagLookups(wanted.size(), wanted.size() - toRead.size(), lookups.size(),
                (int) read.values().stream().filter(Optional::isPresent).count(), lookups.size() - read.size(),
                toRead.size() - lookups.size());
        return filled;
    }

    /** How the last round went. */
    TimeLagLookups lastLookups() {
        return lastLookups;
    }

    private PartitionLag filled(String group, PartitionLag partition, Map<TopicPartition, Long> logStarts,
                                Map<RecordAt, Optional<Instant>> known, Map<GroupPartition, Known> remembered) {
        Optional<RecordAt> at = oldestWaiting(partition, logStarts);
        if (at.isEmpty()) {
            return partition;
        }
        var key = new GroupPartition(group, at.get().partition());
        Optional<Instant> writtenAt = known.get(at.get());
        if (writtenAt != null) {
            writtenAt.ifPresent(time -> remembered.put(key, new Known(at.get().offset(), time)));
            return partition.withOldestUnconsumed(writtenAt);
        }
        Known before = lastRound.get(key);
        if (before == null || before.offset() > at.get().offset()) {
            return partition.withOldestUnconsumed(Optional.empty());
        }
        remembered.put(key, before);
        return partition.withOldestUnconsumed(Optional.of(before.writtenAt()));
    }

    /** Where the group's oldest waiting record is, or empty when nothing waits (or nothing that can be read). */
    static Optional<RecordAt> oldestWaiting(PartitionLag partition, Map<TopicPartition, Long> logStarts) {
        if (partition.lag() == 0) {
            return Optional.empty();
        }
        var tp = new TopicPartition(partition.topic(), partition.partition());
        Long logStart = logStarts.get(tp);
        long offset;
        if (logStart == null) {
            if (partition.committed() < 0) {
                return Optional.empty();
            }
            offset = partition.committed();
        } else {
            offset = Math.max(partition.committed(), logStart);
        }
        return offset < partition.end() ? Optional.of(new RecordAt(tp, offset)) : Optional.empty();
    }
}
