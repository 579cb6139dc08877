package dev.flowdeck.store;

/**
 * Reads what {@link ByteSink} wrote, from one frame's payload. A frame that passed its CRC can still be of a format
 * this version does not know; reading past its end throws {@link CorruptSegmentException}.
 */
final class ByteSource {

    private final byte[] bytes;
    private int position;
    private final int limit;

    ByteSource(byte[] bytes, int offset, int limit) {
        this.bytes = bytes;
        this.position = offset;
        this.limit = limit;
    }

    boolean exhausted() {
        return position == limit;
    }

    long readVarint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= limit) {
                throw new CorruptSegmentException("a number runs past the end of its frame");
            }
            byte next = bytes[position++];
            value |= (long) (next & 0x7F) << shift;
            if (next >= 0) {
                return value;
            }
        }
        throw new CorruptSegmentException("a number is longer than ten bytes");
    }

    int readCount() {
        long value = readVarint();
        // Every counted element takes at least one byte, so a count larger than what is left is garbage.
        if (value < 0 || value > limit - position) {
            throw new CorruptSegmentException("a count of " + Long.toUnsignedString(value) + " cannot be right");
        }
        return (int) value;
    }

    long readSigned() {
        long zigzag = readVarint();
        return (zigzag >>> 1) ^ -(zigzag & 1);
    }

    String readString() {
        int length = readCount();
        if (length > limit - position) {
            throw new CorruptSegmentException("a name runs past the end of its frame");
        }
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = (char) readVarint();
        }
        return new String(chars);
    }

    void skip(int count) {
        if (count > limit - position) {
            throw new CorruptSegmentException("a group's block runs past the end of its frame");
        }
        position += count;
    }

    int position() {
        return position;
    }
}
