package dev.flowdeck.store;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One hour's file of a cluster's lag history, as the store tracks it.
 *
 * <p>Readers read up to {@link #readable}, which the writer raises only after a whole frame is in the file, so a
 * reader never meets a frame being written. The lock is held for reading while a reader reads the file, and for
 * writing only to cut a torn tail or delete the file: appends take no lock.
 */
final class Segment {

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HH");
    static final String SUFFIX = ".lag";

    final Path file;
    final long hour;
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Bytes of whole frames a reader may read; for a file found on disk, its size (a torn tail fails its CRC). */
    volatile long readable;
    /** Set, under the write lock, once the file is gone: a reader that waited for the lock then skips it. */
    boolean deleted;

    Segment(Path file, long hour, long readable) {
        this.file = file;
        this.hour = hour;
        this.readable = readable;
    }

    Instant start() {
        return SegmentFormat.hourStart(hour);
    }

    Instant end() {
        return SegmentFormat.hourStart(hour + 1);
    }

    boolean overlaps(Instant from, Instant to) {
        return start().isBefore(to) && end().isAfter(from);
    }

    static String fileName(long hour) {
        return NAME.format(LocalDateTime.ofInstant(SegmentFormat.hourStart(hour), ZoneOffset.UTC)) + SUFFIX;
    }

    /** The hour a file of the store holds, or empty for a file that is not a segment. */
    static Optional<Long> hourOf(String fileName) {
        if (!fileName.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        try {
            var hourStart = LocalDateTime.parse(fileName.substring(0, fileName.length() - SUFFIX.length()), NAME);
            return Optional.of(SegmentFormat.hourOf(hourStart.toInstant(ZoneOffset.UTC)));
        } catch (DateTimeParseException notOurs) {
            return Optional.empty();
        }
    }
}
