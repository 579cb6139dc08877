package dev.flowdeck.schemas;

import java.io.EOFException;
import java.io.IOException;

/**
 * Avro's binary encoding read straight from the value's bytes (the specification's primitives: zigzag varints,
 * little-endian IEEE floats, length-prefixed bytes, blocked arrays and maps). Strings are not copied out: the
 * transcoder copies them once, from here into the JSON. Avro's own {@code BinaryDecoder} copied each string into a
 * holder first, and a scan reads millions.
 */
final class AvroInput {

    private final byte[] bytes;
    private final int end;
    private int position;

    AvroInput(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.position = offset;
        this.end = offset + length;
    }

    byte[] bytes() {
        return bytes;
    }

    boolean isEnd() {
        return position == end;
    }

    long readLong() throws IOException {
        long raw = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= end) {
                throw new EOFException("the value ends inside a number");
            }
            byte b = bytes[position++];
            raw |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new IOException("a number longer than ten bytes");
    }

    int readInt() throws IOException {
        long value = readLong();
        if (value != (int) value) {
            throw new IOException("an int out of range: " + value);
        }
        return (int) value;
    }

    float readFloat() throws IOException {
        need(4);
        int bits = (bytes[position] & 0xFF) | (bytes[position + 1] & 0xFF) << 8 | (bytes[position + 2] & 0xFF) << 16
                | (bytes[position + 3] & 0xFF) << 24;
        position += 4;
        return Float.intBitsToFloat(bits);
    }

    double readDouble() throws IOException {
        need(8);
        long bits = 0;
        for (int i = 7; i >= 0; i--) {
            bits = (bits << 8) | (bytes[position + i] & 0xFF);
        }
        position += 8;
        return Double.longBitsToDouble(bits);
    }

    boolean readBoolean() throws IOException {
        need(1);
        byte b = bytes[position++];
        if (b != 0 && b != 1) {
            throw new IOException("a boolean byte of " + b);
        }
        return b == 1;
    }

    /** The length of the bytes or string that follow; the caller takes them from {@link #skip}'s start. */
    int readLength() throws IOException {
        long length = readLong();
        if (length < 0 || length > end - position) {
            throw new EOFException("a length of " + length + " with " + (end - position) + " bytes left");
        }
        return (int) length;
    }

    /** Moves past {@code count} bytes, returning where they began. */
    int skip(int count) throws IOException {
        need(count);
        int start = position;
        position += count;
        return start;
    }

    /** An array's or map's next block: its item count, 0 at the end (a negative count carries a byte size). */
    long blockCount() throws IOException {
        long count = readLong();
        if (count < 0) {
            readLong(); // the block's size in bytes, for skipping: not needed when every item is read
            count = -count;
        }
        return count;
    }

    private void need(int count) throws EOFException {
        if (count < 0 || count > end - position) {
            throw new EOFException("the value ends " + (count - (end - position)) + " bytes early");
        }
    }
}
