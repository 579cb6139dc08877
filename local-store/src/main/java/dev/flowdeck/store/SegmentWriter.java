package dev.flowdeck.store;

import dev.flowdeck.core.lag.LagRound;
import dev.flowdeck.profiles.PrivateFiles;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends rounds to one segment. Opening an existing segment decodes it to learn its dictionary and each group's
 * last offsets, and cuts off a torn tail so the next frame follows the last good one.
 *
 * <p>A frame goes to the file in one positional write and becomes readable only when all of it is there. It is
 * not forced to the disk: a crash of the app loses nothing written, a power cut may tear the tail, which the CRC
 * finds. The file is forced when the writer moves on to the next hour or closes.
 */
final class SegmentWriter implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentWriter.class);

    private final Segment segment;
    private final FileChannel channel;
    private final FrameEncoder encoder;
    private final ByteSink frame = new ByteSink(64 * 1024);

    private SegmentWriter(Segment segment, FileChannel channel, FrameEncoder encoder) {
        this.segment = segment;
        this.channel = channel;
        this.encoder = encoder;
    }

    /**
     * @throws CorruptSegmentException when the file is not a segment this version can continue
     */
    static SegmentWriter open(Segment segment) throws IOException {
        PrivateFiles.createIfAbsent(segment.file);
        FileChannel channel = FileChannel.open(segment.file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        segment.lock.writeLock().lock();
        try {
            SegmentState state = resume(segment, channel);
            return new SegmentWriter(segment, channel, new FrameEncoder(segment.hour, state));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        } finally {
            segment.lock.writeLock().unlock();
        }
    }

    private static SegmentState resume(Segment segment, FileChannel channel) throws IOException {
        long size = channel.size();
        Scan scan = scan(segment.hour, channel, size);
        if (scan.rejected()) {
            // The decoder's state went past the good frames: decode them again, and only them.
            scan = scan(segment.hour, channel, scan.goodLength());
        }
        long good = scan.goodLength();
        if (good < SegmentFormat.HEADER_LENGTH) {
            channel.truncate(0);
            write(channel, ByteBuffer.wrap(SegmentFormat.MAGIC), 0);
            good = SegmentFormat.HEADER_LENGTH;
        } else if (good < size) {
            LOG.warn("The lag history {} ended in a torn or damaged frame; its last {} bytes are dropped",
                    segment.file, size - good);
            channel.truncate(good);
        }
        segment.readable = good;
        return scan.state();
    }

    private record Scan(SegmentState state, long goodLength, boolean rejected) {
    }

    private static Scan scan(long hour, FileChannel channel, long limit) throws IOException {
        channel.position(0);
        SegmentState state = SegmentState.empty();
        var reader = new FrameReader(channel, limit);
        var decoder = new FrameDecoder(hour, state, null);
        while (reader.next()) {
            try {
                decoder.decode(reader.payload(), at -> false);
            } catch (CorruptSegmentException undecodable) {
                reader.rejectLast();
                return new Scan(state, reader.goodLength(), true);
            }
        }
        return new Scan(state, reader.goodLength(), false);
    }

    long hour() {
        return segment.hour;
    }

    Instant end() {
        return segment.end();
    }

    void append(LagRound round) throws IOException {
        encoder.encode(round, frame);
        long at = segment.readable;
        write(channel, ByteBuffer.wrap(frame.array(), 0, frame.size()), at);
        segment.readable = at + frame.size();
    }

    private static void write(FileChannel channel, ByteBuffer bytes, long position) throws IOException {
        long at = position;
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
    }

    @Override
    public void close() throws IOException {
        try (channel) {
            channel.force(false);
        }
    }
}
