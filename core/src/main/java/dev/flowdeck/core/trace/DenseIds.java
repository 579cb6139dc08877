package dev.flowdeck.core.trace;

import java.util.Arrays;

/**
 * Numbers 128-bit names (a trace id, or a correlation key's fingerprint) densely from 0, in an open-addressing table
 * of primitive arrays: no boxing and no object per name, so a million names cost 16 bytes each plus the table
 * (two ints per name at the most, half empty). Also keeps, per name, the head of a linked list the index threads
 * through its events. Not thread-safe.
 */
final class DenseIds {

    static final int NONE = -1;

    // Each name's two halves side by side (high at 2 * id, low at 2 * id + 1): a lookup that compares them reads one
    // cache line, not one in each of two arrays.
    private long[] names = new long[2 * 1024];
    private int[] heads = new int[1024];
    private int[] slots = emptySlots(2048);
    private int size;

    /** The id of {@code (high, low)}, numbering it if it is new. */
    int idOf(long high, long low) {
        int mask = slots.length - 1;
        for (int slot = spread(high, low) & mask; ; slot = (slot + 1) & mask) {
            int id = slots[slot];
            if (id == NONE) {
                return add(high, low, slot);
            }
            if (names[2 * id] == high && names[2 * id + 1] == low) {
                return id;
            }
        }
    }

    /**
     * Reads where a lookup of {@code (high, low)} will go (its first slot, the name found there and its list's head,
     * which the index reads and writes next), and returns something of it so the reads are not optimised away. The
     * slots are a table of random places, far bigger than a cache: each lookup used to wait for memory in turn.
     * Touched for a run of names first, those waits overlap, and the lookups that follow find their lines in cache.
     */
    long touch(long high, long low) {
        int id = slots[spread(high, low) & (slots.length - 1)];
        return id == NONE ? 0 : names[2 * id] + heads[id];
    }

    /** The id of {@code (high, low)}, or {@link #NONE} if it was never numbered. */
    int find(long high, long low) {
        int mask = slots.length - 1;
        for (int slot = spread(high, low) & mask; ; slot = (slot + 1) & mask) {
            int id = slots[slot];
            if (id == NONE || names[2 * id] == high && names[2 * id + 1] == low) {
                return id;
            }
        }
    }

    long high(int id) {
        return names[2 * id];
    }

    long low(int id) {
        return names[2 * id + 1];
    }

    int head(int id) {
        return heads[id];
    }

    void setHead(int id, int head) {
        heads[id] = head;
    }

    int size() {
        return size;
    }

    /** Bytes held, for the index's own account of its memory. */
    long bytes() {
        return (long) names.length * 8 + (long) heads.length * 4 + (long) slots.length * 4;
    }

    private int add(long high, long low, int slot) {
        if (size == heads.length) {
            names = Arrays.copyOf(names, size * 4);
            heads = Arrays.copyOf(heads, size * 2);
        }
        int id = size++;
        names[2 * id] = high;
        names[2 * id + 1] = low;
        heads[id] = NONE;
        slots[slot] = id;
        if (size * 2 > slots.length) {
            rehash();
        }
        return id;
    }

    private void rehash() {
        slots = emptySlots(slots.length * 2);
        int mask = slots.length - 1;
        for (int id = 0; id < size; id++) {
            int slot = spread(names[2 * id], names[2 * id + 1]) & mask;
            while (slots[slot] != NONE) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = id;
        }
    }

    private static int[] emptySlots(int length) {
        int[] slots = new int[length];
        Arrays.fill(slots, NONE);
        return slots;
    }

    /** Trace ids are random already, but fingerprints of similar keys must not cluster: mix both halves. */
    private static int spread(long high, long low) {
        long h = high * 0x9E3779B97F4A7C15L ^ low;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h;
    }

    /**
     * A 128-bit fingerprint of a text, from two independent 64-bit hashes: the index keeps correlation keys as
     * fingerprints, not strings. Two different keys share one with a chance of about n²/2¹²⁹ (nil for any scan).
     */
    static long[] fingerprint(String text) {
        long[] print = new long[2];
        fingerprint(text, print, 0);
        return print;
    }

    /** {@link #fingerprint(String)} written into {@code into} at {@code at}, {@code at + 1}: no array a key. */
    static void fingerprint(String text, long[] into, int at) {
        long a = 0xcbf29ce484222325L; // FNV-1a
        long b = 0x84222325cbf29ce4L;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            a = (a ^ c) * 0x100000001b3L;
            b = Long.rotateLeft(b ^ (c * 0x9E3779B97F4A7C15L), 29) * 0xbf58476d1ce4e5b9L;
        }
        b ^= b >>> 31;
        into[at] = a;
        into[at + 1] = b ^ text.length();
    }

    /**
     * The fingerprint of the text that the ASCII bytes {@code from..to} of {@code bytes} spell, equal to
     * {@link #fingerprint(String)} of that text (an ASCII byte is its char): a key read from a payload needs no
     * String. The caller makes sure every byte is ASCII.
     */
    static void fingerprintAscii(byte[] bytes, int from, int to, long[] into, int at) {
        long a = 0xcbf29ce484222325L;
        long b = 0x84222325cbf29ce4L;
        for (int i = from; i < to; i++) {
            char c = (char) bytes[i];
            a = (a ^ c) * 0x100000001b3L;
            b = Long.rotateLeft(b ^ (c * 0x9E3779B97F4A7C15L), 29) * 0xbf58476d1ce4e5b9L;
        }
        b ^= b >>> 31;
        into[at] = a;
        into[at + 1] = b ^ (to - from);
    }
}
