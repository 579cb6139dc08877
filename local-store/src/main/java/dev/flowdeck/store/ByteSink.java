package dev.flowdeck.store;

import java.util.Arrays;

/** A growable byte buffer that writes the segment format's varints and strings. Reused from frame to frame. */
final class ByteSink {

    private byte[] bytes;
    private int size;

    ByteSink(int capacity) {
        bytes = new byte[capacity];
    }

    void clear() {
        size = 0;
    }

    int size() {
        return size;
    }

    byte[] array() {
        return bytes;
    }

    void writeByte(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    void writeInt(int value) {
        ensure(4);
        bytes[size++] = (byte) (value >>> 24);
        bytes[size++] = (byte) (value >>> 16);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    /** Unsigned LEB128: seven bits a byte, so small numbers (most deltas, ids, counts) take one byte. */
    void writeVarint(long value) {
        ensure(10);
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        bytes[size++] = (byte) rest;
    }

    /** Zigzag first, so a small negative number (an offset moved back, -1 for "no commit") stays small. */
    void writeSigned(long value) {
        writeVarint((value << 1) ^ (value >> 63));
    }

    /**
     * A string as its UTF-16 code units, each a varint: one byte per ASCII character, and lossless for any Java
     * string, lone surrogates included (UTF-8 would replace them).
     */
    void writeString(String text) {
        writeVarint(text.length());
        for (int i = 0; i < text.length(); i++) {
            writeVarint(text.charAt(i));
        }
    }

    void write(ByteSink other) {
        ensure(other.size);
        System.arraycopy(other.bytes, 0, bytes, size, other.size);
        size += other.size;
    }

    /** Overwrites four bytes already written, for a header whose value is known only after the body. */
    void setInt(int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
