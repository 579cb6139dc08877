package dev.flowdeck.core.trace;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageBatch;
import dev.flowdeck.core.deadletter.DeadLetterNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The events of a scanned window, indexed by trace id and by correlation key, so that the chain of one transaction
 * is found without reading the broker again.
 *
 * <p>Compact: an event is a row of primitive arrays (destination, partition, offset, timestamp, trace, two links):
 * 34 bytes, plus 8 per correlation key it carries. Trace ids and keys are numbered in {@link DenseIds} (about 30
 * bytes each, shared by every event of the transaction); keys are kept as 128-bit fingerprints, not strings. The
 * sandbox's shop (one trace and two keys per five events) costs about 70 bytes an event: 1,000,000 events in ~70 MB.
 * Arrays grow by doubling, so the peak while growing is up to one and a half times that.
 *
 * <p>Bounded: it holds at most {@code capacity} events; past that it refuses more and says so in a note. It does
 * not spill to disk (see decision 0017): a window too large for memory is narrowed by the operator instead.
 *
 * <p>Not thread-safe: one thread adds (the indexer's); lookups come after the scan, handed over with it.
 */
public final class ChainIndex {

    /** A default that fits a desktop's heap: about 140 MB at the sandbox's shape. */
    public static final int DEFAULT_CAPACITY = 2_000_000;

    private static final short MAX_DESTINATIONS = Short.MAX_VALUE;

    private final int capacity;
    private final CorrelationKeys.Reader keyReader;
    private final ExtractionTally tally = new ExtractionTally();
    private final List<String> notes = new ArrayList<>();

    // One row per event.
    private short[] destination = new short[1024];
    private int[] partition = new int[1024];
    private long[] offset = new long[1024];
    private long[] timestamp = new long[1024];
    private int[] trace = new int[1024];
    private int[] nextInTrace = new int[1024];
    private int[] firstKey = new int[1025];
    private int size;

    // One row per correlation key an event carries: the key and the next event's row carrying the same key.
    private int[] keyOf = new int[1024];
    private int[] nextWithKey = new int[1024];
    private int keyRows;

    private final DenseIds traces = new DenseIds();
    private final DenseIds keys = new DenseIds();

    private final List<String> destinations = new ArrayList<>();
    private final Map<String, Short> destinationIds = new HashMap<>();
    private String lastDestination;
    private short lastDestinationId;
    private final List<Boolean> deadLetterDestination = new ArrayList<>();
    private long[] earliestIn = new long[16];

    // Dead letters are few: their reasons live beside the rows, interned.
    private final Map<Integer, DeadLetterReason> reasons = new HashMap<>();
    private final Map<DeadLetterReason, DeadLetterReason> reasonPool = new HashMap<>();

    private long refused;
    private long warmed;
    private long newest = Long.MIN_VALUE;
    private FlowGraph graph;

    public ChainIndex(CorrelationKeys correlationKeys, int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("an index holds at least one event, was " + capacity);
        }
        this.keyReader = correlationKeys.reader();
        this.capacity = capacity;
    }

    public ChainIndex(CorrelationKeys correlationKeys) {
        this(correlationKeys, DEFAULT_CAPACITY);
    }

    /** Indexes the messages of a batch; false once the index is full (the rest of the batch is refused). */
    public boolean add(MessageBatch batch) {
        BatchReading reading = BatchReading.of(batch.messages(), keyReader);
        for (int i = 0; i < reading.read; i++) {
            if (i % WARM_AHEAD == 0) {
                warm(reading, i, Math.min(reading.read, i + WARM_AHEAD));
            }
            if (!add(reading, i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Messages whose lookups {@link #warm} touches at once: enough to overlap their waits, few enough to stay
     * cached.
     */
    static final int WARM_AHEAD = 64;

    /**
     * Touches the tables where messages {@code from} to {@code to} of a reading will be looked up, before they are
     * added: a lookup in a table of a million ids waits for memory (measured: four fifths of the indexing thread's
     * time), and waits that do not depend on each other overlap when issued together.
     */
    void warm(BatchReading reading, int from, int to) {
        long touched = 0;
        for (int i = from; i < to; i++) {
            if (reading.traced(i)) {
                touched += traces.touch(reading.traceHighs[i], reading.traceLows[i]);
            }
        }
        for (int k = reading.firstKey[from]; k < reading.firstKey[to]; k++) {
            touched += keys.touch(reading.keys.high(k), reading.keys.low(k));
        }
        warmed += touched; // kept, so that the reads are not optimised away
    }

    /**
     * Indexes one message: its place, its trace and its keys. A message with neither trace context nor a key is
     * still counted but joins no chain, so it takes no row. False if the index is full.
     */
    public boolean add(BrowsedMessage message) {
        if (size == capacity) {
            refuse();
            return false;
        }
        return add(BatchReading.of(List.of(message), keyReader), 0);
    }

    /** How this index reads keys: for a reading made away from the indexing thread (thread-safe). */
    CorrelationKeys.Reader keyReader() {
        return keyReader;
    }

    /**
     * Indexes message {@code i} of a reading (made by {@link BatchReading#of} with this index's {@link #keyReader()},
     * on any thread); false if the index is full. Only the indexing thread calls this.
     */
    boolean add(BatchReading reading, int i) {
        if (size == capacity) {
            refuse();
            return false;
        }
        TraceContext.count(reading.traceCodes[i], tally);
        boolean traced = reading.traced(i);
        int firstPrint = reading.firstKey[i];
        int endPrint = reading.firstKey[i + 1];
        if (!traced && firstPrint == endPrint) {
            return true;
        }
        short where = destinationId(reading.destinations[i]);
        if (where < 0) {
            refuse();
            return false;
        }
        growRows();
        int row = size++;
        destination[row] = where;
        partition[row] = reading.partitions[i];
        offset[row] = reading.offsets[i];
        long millis = reading.millis[i];
        timestamp[row] = millis;
        earliestIn[where] = Math.min(earliestIn[where], millis);
        newest = Math.max(newest, millis);
        trace[row] = DenseIds.NONE;
        nextInTrace[row] = DenseIds.NONE;
        if (traced) {
            int id = traces.idOf(reading.traceHighs[i], reading.traceLows[i]);
            trace[row] = id;
            nextInTrace[row] = traces.head(id);
            traces.setHead(id, row);
        }
        firstKey[row] = keyRows;
        for (int k = firstPrint; k < endPrint; k++) {
            int key = keys.idOf(reading.keys.high(k), reading.keys.low(k));
            growKeyRows();
            keyOf[keyRows] = key;
            nextWithKey[keyRows] = keys.head(key);
            keys.setHead(key, keyRows);
            keyRows++;
        }
        firstKey[row + 1] = keyRows;
        if (deadLetterDestination.get(where)) {
            DeadLetterReason.of(reading.messages.get(i)).ifPresent(reason ->
                    reasons.put(row, reasonPool.computeIfAbsent(reason, same -> same)));
        }
        graph = null;
        return true;
    }

    private void refuse() {
        if (refused++ == 0) {
            notes.add("The index is full at %,d events: later messages of the window were not indexed. Narrow the "
                    .formatted(capacity) + "window or the destinations to see every chain.");
        }
    }

    /** The chain of the trace with this id (32 hex digits), with the events its keys join; empty if none. */
    public Optional<Chain> byTraceId(String traceId) {
        String hex = traceId.strip().toLowerCase(Locale.ROOT);
        if (hex.length() != 32) {
            return Optional.empty();
        }
        try {
            int id = traces.find(Long.parseUnsignedLong(hex, 0, 16, 16), Long.parseUnsignedLong(hex, 16, 32, 16));
            return id == DenseIds.NONE ? Optional.empty() : Optional.of(chain(Set.of(id), Set.of()));
        } catch (NumberFormatException notHex) {
            return Optional.empty();
        }
    }

    /**
     * The chain of the transaction with this correlation key value: every event carrying it, the whole traces those
     * events belong to, and the untraced events that share a key with them.
     */
    public Optional<Chain> byKey(String value) {
        long[] print = DenseIds.fingerprint(value);
        int key = keys.find(print[0], print[1]);
        if (key == DenseIds.NONE) {
            return Optional.empty();
        }
        Set<Integer> tracesOfKey = new HashSet<>();
        for (int at = keys.head(key); at != DenseIds.NONE; at = nextWithKey[at]) {
            int row = rowOfKeyRow(at);
            if (trace[row] != DenseIds.NONE) {
                tracesOfKey.add(trace[row]);
            }
        }
        return Optional.of(chain(tracesOfKey, Set.of(key)));
    }

    /** The chain {@code message} belongs to: by its trace context, else by its first correlation key. */
    public Optional<Chain> chainOf(BrowsedMessage message) {
        Optional<TraceContext> context = TraceContext.read(message, new ExtractionTally());
        if (context.isPresent()) {
            return byTraceId(context.get().traceId());
        }
        return keyReader.valuesOf(message).stream().findFirst().flatMap(this::byKey);
    }

    /**
     * Every chain: one per trace (with the untraced events its keys join), then one per group of untraced events
     * sharing a key that no trace claimed. Events without trace and key are in none.
     */
    public void forEachChain(Consumer<Chain> action) {
        BitSet joined = new BitSet(size);
        for (int id = 0; id < traces.size(); id++) {
            int[] rows = rows(Set.of(id), Set.of());
            for (int row : rows) {
                joined.set(row);
            }
            action.accept(toChain(rows));
        }
        for (int row = joined.nextClearBit(0); row < size; row = joined.nextClearBit(row + 1)) {
            if (trace[row] == DenseIds.NONE && firstKey[row] < firstKey[row + 1]) {
                int[] rows = rows(Set.of(), Set.of(keyOf[firstKey[row]]));
                for (int each : rows) {
                    joined.set(each);
                }
                action.accept(toChain(rows));
            }
        }
    }

    /** The flow learned from every chain; computed once after the index last changed. */
    public FlowGraph flowGraph() {
        if (graph == null) {
            var learner = new FlowGraph.Learner();
            forEachChain(learner::add);
            graph = learner.graph();
        }
        return graph;
    }

    /** The newest event's time, against which a stop is judged overdue; EPOCH when empty. */
    public Instant newest() {
        return size == 0 ? Instant.EPOCH : Instant.ofEpochMilli(newest);
    }

    /** Events indexed. */
    public int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    /** Whether messages were refused because the index was full. */
    public boolean isFull() {
        return refused > 0;
    }

    public ExtractionTally tally() {
        return tally;
    }

    /** What the operator should know about how the index was filled (it filled up, say). */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Bytes held by the arrays and tables (the allocated arrays, not only their used part). */
    public long bytes() {
        long rows = (long) destination.length * (2 + 4 + 8 + 8 + 4 + 4 + 4);
        long keyRowBytes = (long) keyOf.length * (4 + 4);
        return rows + keyRowBytes + traces.bytes() + keys.bytes();
    }

    private Chain chain(Set<Integer> traceIds, Set<Integer> keyIds) {
        return toChain(rows(traceIds, keyIds));
    }

    /**
     * The rows of these traces and of the untraced events that share a key with them, plus every row carrying one
     * of {@code keyIds}.
     */
    private int[] rows(Set<Integer> traceIds, Set<Integer> keyIds) {
        Set<Integer> found = new HashSet<>();
        Set<Integer> keysSeen = new HashSet<>(keyIds);
        for (int id : traceIds) {
            for (int row = traces.head(id); row != DenseIds.NONE; row = nextInTrace[row]) {
                found.add(row);
                for (int k = firstKey[row]; k < firstKey[row + 1]; k++) {
                    keysSeen.add(keyOf[k]);
                }
            }
        }
        for (int key : keysSeen) {
            boolean asked = keyIds.contains(key);
            for (int at = keys.head(key); at != DenseIds.NONE; at = nextWithKey[at]) {
                int row = rowOfKeyRow(at);
                // Keys join untraced events; traced ones belong to their own trace, unless this key was asked for.
                if (asked || trace[row] == DenseIds.NONE) {
                    found.add(row);
                }
            }
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    private Chain toChain(int[] rows) {
        Integer[] ordered = Arrays.stream(rows).boxed().toArray(Integer[]::new);
        Arrays.sort(ordered, inTimeOrder());
        List<ChainEvent> events = new ArrayList<>(ordered.length);
        for (int row : ordered) {
            events.add(event(row));
        }
        return new Chain(events);
    }

    /**
     * Time order. Hops within one millisecond tie; the tie goes to the destination whose data starts earlier (the
     * head of a flow starts before its tail), then dead letters after the rest, then partition and offset.
     */
    private Comparator<Integer> inTimeOrder() {
        return Comparator.<Integer>comparingLong(row -> timestamp[row])
                .thenComparingLong(row -> earliestIn[destination[row]])
                .thenComparing(row -> deadLetterDestination.get(destination[row]))
                .thenComparingInt(row -> destination[row])
                .thenComparingInt(row -> partition[row])
                .thenComparingLong(row -> offset[row]);
    }

    private ChainEvent event(int row) {
        Optional<String> traceId = trace[row] == DenseIds.NONE ? Optional.empty()
                : Optional.of(hex(traces.high(trace[row])) + hex(traces.low(trace[row])));
        short where = destination[row];
        return new ChainEvent(destinations.get(where), partition[row], offset[row],
                Instant.ofEpochMilli(timestamp[row]), traceId, deadLetterDestination.get(where),
                Optional.ofNullable(reasons.get(row)));
    }

    /** The event row a key row belongs to: key rows are written in event order, so a binary search finds it. */
    private int rowOfKeyRow(int keyRow) {
        int low = 0;
        int high = size - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (firstKey[mid] <= keyRow) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        // Rows without keys share their firstKey with the next row: the last row starting at or before keyRow
        // that has keys is the owner.
        while (firstKey[low + 1] <= keyRow) {
            low++;
        }
        return low;
    }

    private static String hex(long value) {
        String digits = Long.toHexString(value);
        return "0".repeat(16 - digits.length()) + digits;
    }

    private short destinationId(String name) {
        if (name == lastDestination) {
            return lastDestinationId; // a batch is one destination's: the same String, message after message
        }
        Short known = destinationIds.get(name);
        if (known != null) {
            lastDestination = name;
            lastDestinationId = known;
            return known;
        }
        if (destinations.size() == MAX_DESTINATIONS) {
            return -1;
        }
        short id = (short) destinations.size();
        destinations.add(name);
        destinationIds.put(name, id);
        deadLetterDestination.add(DeadLetterNames.looksLikeDeadLetter(name));
        if (id == earliestIn.length) {
            earliestIn = Arrays.copyOf(earliestIn, id * 2);
        }
        earliestIn[id] = Long.MAX_VALUE;
        return id;
    }

    private void growRows() {
        if (size < destination.length) {
            return;
        }
        int grown = (int) Math.min(capacity, Math.max(1024L, destination.length * 2L));
        destination = Arrays.copyOf(destination, grown);
        partition = Arrays.copyOf(partition, grown);
        offset = Arrays.copyOf(offset, grown);
        timestamp = Arrays.copyOf(timestamp, grown);
        trace = Arrays.copyOf(trace, grown);
        nextInTrace = Arrays.copyOf(nextInTrace, grown);
        firstKey = Arrays.copyOf(firstKey, grown + 1);
    }

    private void growKeyRows() {
        if (keyRows == keyOf.length) {
            keyOf = Arrays.copyOf(keyOf, keyRows * 2);
            nextWithKey = Arrays.copyOf(nextWithKey, keyRows * 2);
        }
    }
}
