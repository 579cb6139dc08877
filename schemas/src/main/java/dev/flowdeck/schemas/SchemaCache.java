package dev.flowdeck.schemas;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * Parsed schemas by id, bounded, fetched once: the first record of an id waits for the registry, every other thread
 * that meets the id meanwhile waits for that same fetch, and the rest of the scan reads from memory. A failed
 * lookup (an unknown id, a schema that does not parse, a registry down) is remembered too, for
 * {@link #RETRY_AFTER_NANOS}, so a million records of a missing id cost one request, not a million.
 *
 * <p>A hit takes no lock (the filter pool's threads meet here once per record); when a new id would pass the
 * capacity, the least recently used one goes.
 */
final class SchemaCache {

    static final long RETRY_AFTER_NANOS = 30_000_000_000L;

    private static final class Cached {
        final int id;
        final CompletableFuture<SchemaReading> reading = new CompletableFuture<>();
        /** The reading once loaded: what a hit returns without a map lookup or a future's join. */
        volatile SchemaReading loaded;
        volatile long failedAt;
        volatile long lastUsed;

        Cached(int id) {
            this.id = id;
        }
    }

    private final IntFunction<SchemaReading> load;
    private final int capacity;
    private final LongSupplier nanoTime;
    private final Map<Integer, Cached> entries = new ConcurrentHashMap<>();
    private final AtomicLong uses = new AtomicLong();
    /** A scan reads one id over and over: then a hit writes nothing shared, it only reads this. */
    private volatile Cached mostRecent;

    /**
     * @param load     fetches and parses one schema, throwing {@link SchemaProblem} when it cannot
     * @param capacity the most schemas kept; the least recently used goes first
     */
    SchemaCache(IntFunction<SchemaReading> load, int capacity, LongSupplier nanoTime) {
        this.load = load;
        this.capacity = capacity;
        this.nanoTime = nanoTime;
    }

    /** @throws SchemaProblem why that id cannot be read (remembered for a while) */
    SchemaReading get(int id) {
        Cached recent = mostRecent;
        if (recent != null && recent.id == id) {
            SchemaReading loaded = recent.loaded; // a loaded schema never goes stale: its id's text never changes
            if (loaded != null) {
                return loaded;
            }
        }
        Cached entry = entries.get(id);
        if (entry == null || stale(entry)) {
            entry = fetchOrJoin(id);
        }
        if (entry != mostRecent) {
            entry.lastUsed = uses.incrementAndGet();
            mostRecent = entry;
        }
        try {
            return entry.reading.join();
        } catch (CompletionException e) {
            throw (SchemaProblem) e.getCause();
        }
    }

    int size() {
        return entries.size();
    }

    private boolean stale(Cached entry) {
        long failed = entry.failedAt;
        return failed != 0 && nanoTime.getAsLong() - failed > RETRY_AFTER_NANOS;
    }

    private Cached fetchOrJoin(int id) {
        Cached mine = new Cached(id);
        Cached current = entries.compute(id, (key, old) -> old == null || stale(old) ? mine : old);
        if (current != mine) {
            return current; // another thread is fetching it, or has: wait for that
        }
        evictBeyondCapacity(id);
        try {
            SchemaReading reading = load.apply(id);
            mine.loaded = reading;
            mine.reading.complete(reading);
        } catch (RuntimeException failure) {
            SchemaProblem problem = failure instanceof SchemaProblem known ? known
                    : new SchemaProblem("Schema " + id + " could not be read (" + failure + ").", failure);
            mine.failedAt = Math.max(1, nanoTime.getAsLong());
            mine.reading.completeExceptionally(problem);
        }
        return mine;
    }

    /** Rare (a new id): a scan of at most the capacity's entries for the one used longest ago. */
    private synchronized void evictBeyondCapacity(int keep) {
        while (entries.size() > capacity) {
            Integer oldest = null;
            long oldestUse = Long.MAX_VALUE;
            for (Map.Entry<Integer, Cached> entry : entries.entrySet()) {
                if (entry.getKey() != keep && entry.getValue().lastUsed < oldestUse) {
                    oldest = entry.getKey();
                    oldestUse = entry.getValue().lastUsed;
                }
            }
            if (oldest == null) {
                return;
            }
            entries.remove(oldest);
        }
    }
}
