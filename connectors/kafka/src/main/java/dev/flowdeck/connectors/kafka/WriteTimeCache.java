package dev.flowdeck.connectors.kafka;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The write times already read, by where they were read, the least recently used forgotten first. A stalled or
 * stopped group waits at the same offset round after round: its record is read once, not every few seconds.
 *
 * <p>Not thread-safe: only the time-lag thread uses it.
 */
final class WriteTimeCache {

    private final int capacity;
    private final LinkedHashMap<RecordAt, Instant> times;

    WriteTimeCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a cache holds at least one entry, not " + capacity);
        }
        this.capacity = capacity;
        this.times = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<RecordAt, Instant> eldest) {
                return size() > WriteTimeCache.this.capacity;
            }
        };
    }

    Optional<Instant> get(RecordAt at) {
        return Optional.ofNullable(times.get(at));
    }

    void put(RecordAt at, Instant writtenAt) {
        times.put(at, writtenAt);
    }

    int size() {
        return times.size();
    }
}
