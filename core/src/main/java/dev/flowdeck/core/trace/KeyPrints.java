package dev.flowdeck.core.trace;

import java.util.Arrays;

/**
 * The correlation keys' fingerprints of a run of messages, two longs a key in one growing array: reading a batch's
 * keys makes no object a key. Each message's keys are appended after {@link #startMessage()}; a key a message
 * carries twice is kept once, as {@link CorrelationKeys.Reader#valuesOf} keeps a repeated value once.
 */
final class KeyPrints {

    private long[] prints = new long[64];
    private int size; // longs used
    private int messageStart;

    /** The next keys belong to a new message. */
    void startMessage() {
        messageStart = size;
    }

    void add(String value) {
        grow();
        DenseIds.fingerprint(value, prints, size);
        keepUnlessRepeated();
    }

    /** A key whose text is the ASCII bytes {@code from..to}. */
    void addAscii(byte[] bytes, int from, int to) {
        grow();
        DenseIds.fingerprintAscii(bytes, from, to, prints, size);
        keepUnlessRepeated();
    }

    /** Keys added so far, over all messages. */
    int count() {
        return size / 2;
    }

    long high(int key) {
        return prints[2 * key];
    }

    long low(int key) {
        return prints[2 * key + 1];
    }

    private void keepUnlessRepeated() {
        long a = prints[size];
        long b = prints[size + 1];
        for (int at = messageStart; at < size; at += 2) {
            if (prints[at] == a && prints[at + 1] == b) {
                return;
            }
        }
        size += 2;
    }

    private void grow() {
        if (size + 2 > prints.length) {
            prints = Arrays.copyOf(prints, prints.length * 2);
        }
    }
}
