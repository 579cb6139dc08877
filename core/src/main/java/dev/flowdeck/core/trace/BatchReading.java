package dev.flowdeck.core.trace;

import dev.flowdeck.core.browse.BrowsedMessage;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What the index needs of a batch's messages, read off them: each message's trace id (as two longs) and what reading
 * it found, and its correlation keys' fingerprints. Reading is the costly part of indexing (headers, the
 * propagators, the payload's key) and touches no index, so a run reads each batch on the browse's thread that
 * delivered it while its one indexing thread inserts what was read (decision 0017); a reading is handed from one to
 * the other once, whole.
 */
final class BatchReading {

    final List<BrowsedMessage> messages;
    // Where and when each message is, copied off it here: the indexing thread then reads arrays in order instead of
    // following each message (and its Instant) into memory the reading threads wrote.
    final String[] destinations;
    final int[] partitions;
    final long[] offsets;
    final long[] millis;
    /** Per message: what {@link TraceContext#readIds} answered. */
    final int[] traceCodes;
    final long[] traceHighs;
    final long[] traceLows;
    /** Per message, from 0 to {@code messages.size()}: where its keys begin in {@link #keys}. */
    final int[] firstKey;
    final KeyPrints keys = new KeyPrints();
    /** How many messages were read: fewer than all when the run was cancelled meanwhile. */
    final int read;

    private BatchReading(List<BrowsedMessage> messages, CorrelationKeys.Reader keyReader, BooleanSupplier stop) {
        this.messages = messages;
        int count = messages.size();
        traceCodes = new int[count];
        traceHighs = new long[count];
        traceLows = new long[count];
        firstKey = new int[count + 1];
        destinations = new String[count];
        partitions = new int[count];
        offsets = new long[count];
        millis = new long[count];
        long[] ids = new long[2];
        int i = 0;
        for (; i < count && !stop.getAsBoolean(); i++) {
            BrowsedMessage message = messages.get(i);
            destinations[i] = message.destination();
            partitions[i] = message.partition();
            offsets[i] = message.offset();
            millis[i] = message.timestamp().toEpochMilli();
            int code = TraceContext.readIds(message, ids);
            traceCodes[i] = code;
            if (code % TraceContext.MALFORMED_ONE != TraceContext.NOTHING) {
                traceHighs[i] = ids[0];
                traceLows[i] = ids[1];
            }
            firstKey[i] = keys.count();
            keys.startMessage();
            keyReader.fingerprints(message, keys);
        }
        firstKey[i] = keys.count();
        read = i;
    }


    /** Reads {@code messages}; stops early (see {@link #read}) once {@code stop} says so. Thread-safe. */
    static BatchReading of(List<BrowsedMessage> messages, CorrelationKeys.Reader keyReader, BooleanSupplier stop) {
        return new BatchReading(messages, keyReader, stop);
    }

    static BatchReading of(List<BrowsedMessage> messages, CorrelationKeys.Reader keyReader) {
        return new BatchReading(messages, keyReader, () -> false);
    }

    boolean traced(int message) {
        return traceCodes[message] % TraceContext.MALFORMED_ONE != TraceContext.NOTHING;
    }
}
