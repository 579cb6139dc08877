package dev.flowdeck.core.browse;

import java.util.Arrays;

/**
 * A message as a browser keeps it in memory: key and value cut to a budget, with their real sizes remembered, so
 * ten thousand rows of 10 MB values cost ten thousand small arrays. The full message is fetched again on demand
 * (see {@link MessageFetch}).
 *
 * @param message    the message, its key and value at most the budget long (cut between UTF-8 characters)
 * @param keyBytes   the key's real length, or -1 for a null key
 * @param valueBytes the value's real length, or -1 for a null value (a tombstone)
 */
public record KeptMessage(BrowsedMessage message, int keyBytes, int valueBytes) {

    /** 64 KiB: a JSON document this size still pretty-prints and renders as a tree without a stall. */
    public static final int DEFAULT_BUDGET = 64 * 1024;

    /**
     * Keeps {@code message}, cutting its key and value to {@code budget} bytes each. A value read through a schema has
     * its JSON made here if it was not yet (it is cut to the budget too): call it where the rows are made, off the FX
     * thread.
     */
    public static KeptMessage of(BrowsedMessage message, int budget) {
        if (budget < 0) {
            throw new IllegalArgumentException("a byte budget is not negative, was " + budget);
        }
        byte[] key = message.key();
        byte[] value = message.value();
        int keyBytes = key == null ? -1 : key.length;
        int valueBytes = value == null ? -1 : value.length;
        var decoded = message.decoded();
        boolean jsonFits = decoded == null || !decoded.isRead() || decoded.json().length <= budget;
        if (keyBytes <= budget && valueBytes <= budget && jsonFits) {
            return new KeptMessage(message, keyBytes, valueBytes);
        }
        var cut = new BrowsedMessage(message.destination(), message.partition(), message.offset(),
                message.timestamp(), cut(key, budget), cut(value, budget), message.headers(), message.redelivered(),
                message.properties(), jsonFits ? decoded : decoded.cutTo(cut(decoded.json(), budget)));
        return new KeptMessage(cut, keyBytes, valueBytes);
    }

    /**
     * The first {@code budget} bytes, less up to three so the cut never splits a UTF-8 character: a text value
     * cut mid-character would no longer be UTF-8 and would show as hex. Binary loses at most three bytes more.
     */
    private static byte[] cut(byte[] bytes, int budget) {
        if (bytes == null || bytes.length <= budget) {
            return bytes;
        }
        int end = budget;
        while (end > 0 && budget - end < 3 && isContinuation(bytes[end])) {
            end--;
        }
        return Arrays.copyOf(bytes, isContinuation(bytes[end]) ? budget : end);
    }

    /** {@code 10xxxxxx}: the second, third or fourth byte of a UTF-8 character, never its first. */
    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    /** Whether the key or the value was cut: the detail pane then offers to fetch the whole message. */
    public boolean truncated() {
        return (message.key() != null && message.key().length < keyBytes)
                || (message.value() != null && message.value().length < valueBytes)
                || (message.decoded() != null && message.decoded().jsonCut());
    }

    /** The message's real size on the wire, near enough: key, value and headers. */
    public long sizeInBytes() {
        long kept = message.sizeInBytes();
        long keyCut = message.key() == null ? 0 : keyBytes - message.key().length;
        long valueCut = message.value() == null ? 0 : valueBytes - message.value().length;
        return kept + keyCut + valueCut;
    }
}
