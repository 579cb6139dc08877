package dev.flowdeck.store;

import dev.flowdeck.core.lag.ConsumerGroupLag;
import dev.flowdeck.core.lag.GroupSample;
import dev.flowdeck.core.lag.LagHistoryStore;
import dev.flowdeck.core.lag.LagRound;
import dev.flowdeck.profiles.ConfigDirectory;
import dev.flowdeck.profiles.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster's lag history on disk: one folder per cluster, one file per hour (see {@link SegmentFormat} for the
 * bytes), a frame per round of about two bytes per partition once the hour's first round has named everything.
 *
 * <p>Retention: an hour whose every round is older than the retention window (24 h unless told otherwise) is
 * deleted when the store opens and, as time moves on, before an append. A round that old when it arrives is not
 * written at all.
 *
 * <p>Threads: appends come from one sampling thread at a time (they are serialised here anyway); reads may run on
 * other threads at the same time and see every round whose append has returned. Only one store (one process) may
 * hold a cluster's folder: a second one fails to open with a sentence saying so.
 */
public final class FileLagHistoryStore implements LagHistoryStore {

    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);
    /** Under the config directory: one folder per cluster. */
    public static final String FOLDER = "lag-history";
    private static final Logger LOG = LoggerFactory.getLogger(FileLagHistoryStore.class);

    private final Path directory;
    private final Duration retention;
    private final Clock clock;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
    private SegmentWriter writer; // guarded by this
    private volatile boolean closed;

    private FileLagHistoryStore(Path directory, Duration retention, Clock clock) throws IOException {
        this.directory = directory;
        this.retention = retention;
        this.clock = clock;
        PrivateFiles.createFolders(directory);
        Path lockFile = directory.resolve("lock");
        PrivateFiles.createIfAbsent(lockFile);
        this.lockChannel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
        FileLock held;
        try {
            held = lockChannel.tryLock();
        } catch (OverlappingFileLockException inThisProcess) {
            held = null;
        }
        if (held == null) {
            lockChannel.close();
            throw new IOException("The lag history in " + directory
                    + " is kept by another Flowdeck window or process: close it, or sample this cluster there.");
        }
        this.lock = held;
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Segment.hourOf(file.getFileName().toString()).ifPresent(hour ->
                        segments.put(hour, new Segment(file, hour, sizeOf(file))));
            }
        }
        prune(clock.instant());
    }

    /**
     * Opens (creating it if needed) the history kept in {@code directory}.
     *
     * @param retention how long rounds are kept
     * @param clock     "now", for what retention drops
     * @throws UncheckedIOException when the folder cannot be used, or another store holds it
     */
    public static FileLagHistoryStore open(Path directory, Duration retention, Clock clock) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("the retention must be positive, was " + retention);
        }
        try {
            return new FileLagHistoryStore(directory, retention, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** The cluster's history in the config directory of this machine, kept for {@link #DEFAULT_RETENTION}. */
    public static FileLagHistoryStore forCluster(String cluster, Clock clock) {
        return forCluster(cluster, DEFAULT_RETENTION, clock);
    }

    /** The cluster's history in the config directory of this machine, kept for {@code retention}. */
    public static FileLagHistoryStore forCluster(String cluster, Duration retention, Clock clock) {
        Path root = ConfigDirectory.forThisMachine().resolve(FOLDER);
        return open(root.resolve(ClusterFolder.nameFor(cluster)), retention, clock);
    }

    @Override
    public synchronized void append(LagRound round) {
        ensureOpen();
        Instant now = clock.instant();
        prune(now);
        long hour = SegmentFormat.hourOf(round.at());
        if (!SegmentFormat.hourStart(hour + 1).isAfter(now.minus(retention))) {
            LOG.debug("A lag round of {} is older than the retention of {}: not kept", round.at(), retention);
            return;
        }
        try {
            if (writer == null || writer.hour() != hour) {
                closeWriter();
                writer = openWriter(hour);
            }
            writer.append(round);
        } catch (IOException e) {
            // The encoder may be ahead of the file now: drop it, the next append rebuilds it from the file.
            closeWriterQuietly();
            throw new UncheckedIOException("Could not write the lag history to " + directory + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public List<LagRound> rounds(Instant from, Instant to) {
        List<LagRound> rounds = new ArrayList<>();
        read(null, from, to, frame -> rounds.add(new LagRound(frame.at(), frame.groups())));
        rounds.sort(Comparator.comparing(LagRound::at));
        return rounds;
    }

    @Override
    public List<GroupSample> samples(String group, Instant from, Instant to) {
        List<GroupSample> samples = new ArrayList<>();
        read(group, from, to, frame -> {
            for (ConsumerGroupLag lag : frame.groups()) {
                samples.add(new GroupSample(frame.at(), lag));
            }
        });
        samples.sort(Comparator.comparing(GroupSample::at));
        return samples;
    }

    private void read(String onlyGroup, Instant from, Instant to, Consumer<FrameDecoder.Frame> frames) {
        ensureOpen();
        if (!from.isBefore(to)) {
            return;
        }
        for (Segment segment : segments.values()) {
            if (!segment.overlaps(from, to)) {
                continue;
            }
            segment.lock.readLock().lock();
            try {
                if (!segment.deleted) {
                    readSegment(segment, onlyGroup, from, to, frames);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the lag history in " + segment.file + ": "
                        + e.getMessage(), e);
            } finally {
                segment.lock.readLock().unlock();
            }
        }
    }

    private static void readSegment(Segment segment, String onlyGroup, Instant from, Instant to,
                                    Consumer<FrameDecoder.Frame> frames) throws IOException {
        long readable = segment.readable;
        try (FileChannel channel = FileChannel.open(segment.file, StandardOpenOption.READ)) {
            var reader = new FrameReader(channel, readable);
            var decoder = new FrameDecoder(segment.hour, SegmentState.empty(), onlyGroup);
            while (reader.next()) {
                var frame = decoder.decode(reader.payload(), at -> !at.isBefore(from) && at.isBefore(to));
                if (frame.wanted()) {
                    frames.accept(frame);
                }
            }
            if (reader.damaged()) {
                LOG.debug("The lag history {} is read up to a torn or damaged frame at byte {}", segment.file,
                        reader.goodLength());
            }
        } catch (NoSuchFileException gone) {
            LOG.debug("The lag history {} is gone", segment.file);
        } catch (CorruptSegmentException damaged) {
            LOG.warn("The lag history {} is read only up to damage: {}", segment.file, damaged.getMessage());
        }
    }

    private SegmentWriter openWriter(long hour) throws IOException {
        Segment segment = segments.computeIfAbsent(hour, h -> new Segment(directory.resolve(Segment.fileName(h)), h, 0));
        try {
            return SegmentWriter.open(segment);
        } catch (CorruptSegmentException notOurs) {
            // Perhaps written by a newer Flowdeck: keep it for a look, and start the hour afresh beside it.
            Path aside = segment.file.resolveSibling(segment.file.getFileName() + ".unreadable");
            LOG.warn("The lag history {} cannot be continued ({}); it is moved to {}", segment.file,
                    notOurs.getMessage(), aside);
            segment.lock.writeLock().lock();
            try {
                Files.move(segment.file, aside, StandardCopyOption.REPLACE_EXISTING);
                segment.readable = 0;
            } finally {
                segment.lock.writeLock().unlock();
            }
            return SegmentWriter.open(segment);
        }
    }

    /** Deletes the hours wholly before the retention window; an hour being read is left for the next time. */
    private synchronized void prune(Instant now) {
        Instant oldestKept = now.minus(retention);
        for (Map.Entry<Long, Segment> entry : segments.entrySet()) {
            Segment segment = entry.getValue();
            if (segment.end().isAfter(oldestKept)) {
                break; // sorted by hour: the rest are newer
            }
            if (writer != null && writer.hour() == segment.hour) {
                closeWriterQuietly();
            }
            if (!segment.lock.writeLock().tryLock()) {
                continue;
            }
            try {
                Files.deleteIfExists(segment.file);
                segment.deleted = true;
                segments.remove(entry.getKey(), segment);
            } catch (IOException e) {
                LOG.warn("Could not delete the old lag history {}: {}", segment.file, e.getMessage());
            } finally {
                segment.lock.writeLock().unlock();
            }
        }
    }

    /** For tests and diagnostics: the hour files the store holds now, oldest first. */
    List<Path> segmentFiles() {
        return segments.values().stream().map(segment -> segment.file).toList();
    }

    Path directory() {
        return directory;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the lag history of " + directory + " is closed");
        }
    }

    private void closeWriter() throws IOException {
        if (writer != null) {
            SegmentWriter closing = writer;
            writer = null;
            closing.close();
        }
    }

    private void closeWriterQuietly() {
        try {
            closeWriter();
        } catch (IOException e) {
            LOG.warn("Could not close the lag history segment: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeWriterQuietly();
        try (lockChannel) {
            lock.release();
        } catch (IOException e) {
            LOG.warn("Could not release the lag history lock in {}: {}", directory, e.getMessage());
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
