package dev.flowdeck.schemas;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * Parsed schemas by id, bounded, fetched once: the first record of an id waits for the registry, every other thread
 * that meets the id meanwhile waits for that same fetch, and the rest of the scan reads from memory. A failed
 * lookup (an unknown id, a schema that does not parse, a registry down) is remembered too, for
 * {@link #RETRY_AFTER_NANOS}, so a million records of a missing id cost one request, not a million.
 */
final class SchemaCache {

    static final long RETRY_AFTER_NANOS = 30_000_000_000L;

    private record Cached(CompletableFuture<SchemaReading> reading, long failedAt) {
    }

    private final IntFunction<SchemaReading> load;
    private final LongSupplier nanoTime;
    private final Map<Integer, Cached> entries;

    /**
     * @param load     fetches and parses one schema, throwing {@link SchemaProblem} when it cannot
     * @param capacity the most schemas kept; the least recently used goes first
     */
    SchemaCache(IntFunction<SchemaReading> load, int capacity, LongSupplier nanoTime) {
        this.load = load;
        this.nanoTime = nanoTime;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Cached> eldest) {
                return size() > capacity;
            }
        };
    }

    /** @throws SchemaProblem why that id cannot be read (remembered for a while) */
    SchemaReading get(int id) {
        CompletableFuture<SchemaReading> reading;
        boolean fetchHere = false;
        synchronized (this) {
            Cached entry = entries.get(id);
            if (entry == null || (entry.failedAt() != 0 && nanoTime.getAsLong() - entry.failedAt()
                    > RETRY_AFTER_NANOS)) {
                reading = new CompletableFuture<>();
                entries.put(id, new Cached(reading, 0));
                fetchHere = true;
            } else {
                reading = entry.reading();
            }
        }
        if (fetchHere) {
            try {
                reading.complete(load.apply(id));
            } catch (RuntimeException failure) {
                SchemaProblem problem = failure instanceof SchemaProblem known ? known
                        : new SchemaProblem("Schema " + id + " could not be read (" + failure + ").", failure);
                synchronized (this) {
                    entries.put(id, new Cached(reading, Math.max(1, nanoTime.getAsLong())));
                }
                reading.completeExceptionally(problem);
            }
        }
        try {
            return reading.join();
        } catch (CompletionException e) {
            throw (SchemaProblem) e.getCause();
        }
    }

    synchronized int size() {
        return entries.size();
    }
}
