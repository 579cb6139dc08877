package dev.flowdeck.store;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Reads a segment file frame by frame up to a limit, checking each frame's length and CRC. The first frame that is
 * cut short or fails its CRC ends the reading: what follows a torn or damaged frame cannot be trusted, since every
 * frame builds on the ones before it.
 */
final class FrameReader {

    private final DataInputStream in;
    private final long limit;
    private final CRC32 crc = new CRC32();
    private long position;
    private long goodLength;
    private byte[] payload = new byte[4096];
    private int payloadLength;
    private boolean damaged;

    /**
     * @param channel a channel positioned at the start of the file
     * @param limit   bytes of the file to read at most
     * @throws CorruptSegmentException when the file is not a lag segment of this format version
     */
    FrameReader(FileChannel channel, long limit) throws IOException {
        this.in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024));
        this.limit = limit;
        if (limit < SegmentFormat.HEADER_LENGTH) {
            this.position = limit;
            this.goodLength = 0;
            return;
        }
        byte[] magic = new byte[SegmentFormat.HEADER_LENGTH];
        in.readFully(magic);
        if (!Arrays.equals(magic, SegmentFormat.MAGIC)) {
            throw new CorruptSegmentException("the file does not start as a version "
                    + SegmentFormat.MAGIC[SegmentFormat.HEADER_LENGTH - 1] + " lag segment");
        }
        position = goodLength = SegmentFormat.HEADER_LENGTH;
    }

    /** Loads the next frame; false at the end of the good frames. */
    boolean next() throws IOException {
        if (damaged || limit - position < SegmentFormat.FRAME_HEADER) {
            damaged |= position < limit;
            return false;
        }
        int length;
        int expected;
        try {
            length = in.readInt();
            expected = in.readInt();
        } catch (EOFException shorterThanSaid) {
            damaged = true;
            return false;
        }
        position += SegmentFormat.FRAME_HEADER;
        if (length < 0 || length > limit - position) {
            damaged = true;
            return false;
        }
        if (payload.length < length) {
            payload = new byte[Math.max(length, payload.length * 2)];
        }
        try {
            in.readFully(payload, 0, length);
        } catch (EOFException shorterThanSaid) {
            damaged = true;
            return false;
        }
        position += length;
        crc.reset();
        crc.update(payload, 0, length);
        if ((int) crc.getValue() != expected) {
            damaged = true;
            return false;
        }
        payloadLength = length;
        goodLength = position;
        return true;
    }

    ByteSource payload() {
        return new ByteSource(payload, 0, payloadLength);
    }

    /** Where the last good frame ends: the length to cut the file to before appending again. */
    long goodLength() {
        return goodLength;
    }

    /** Whether reading stopped at a torn or damaged frame rather than at the limit. */
    boolean damaged() {
        return damaged;
    }

    /**
     * Ends the good frames before the one just returned by {@link #next}, for a frame whose checksum held but whose
     * content did not decode.
     */
    void rejectLast() {
        goodLength = position - payloadLength - SegmentFormat.FRAME_HEADER;
        damaged = true;
    }
}
