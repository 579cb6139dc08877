package dev.flowdeck.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Clears the histories of clusters no longer opened. A store drops its own old hours, but only while it is open: a
 * cluster never connected again (a sandbox, started afresh as a new cluster each time) would keep its last day on
 * disk for good. A folder goes once nothing in it was written within the retention and no store holds its lock.
 */
public final class AbandonedHistories {

    private AbandonedHistories() {
    }

    /**
     * @param root the folder of all clusters' histories (the config directory's {@code lag-history})
     * @return the folders deleted
     */
    public static List<Path> drop(Path root, Duration retention, Instant now) {
        List<Path> dropped = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return dropped;
        }
        try (Stream<Path> clusters = Files.list(root)) {
            for (Path cluster : clusters.filter(Files::isDirectory).toList()) {
                if (lastWritten(cluster).isBefore(now.minus(retention)) && unlocked(cluster)) {
                    deleteTree(cluster);
                    dropped.add(cluster);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Old lag histories in " + root + " could not be cleared", e);
        }
        return dropped;
    }

    private static Instant lastWritten(Path cluster) throws IOException {
        try (Stream<Path> files = Files.list(cluster)) {
            Instant newest = Instant.EPOCH;
            for (Path file : files.toList()) {
                Instant modified = Files.getLastModifiedTime(file).toInstant();
                newest = modified.isAfter(newest) ? modified : newest;
            }
            return newest;
        }
    }

    /** A store open on the folder (in this process or another) holds its lock file: such a folder stays. */
    private static boolean unlocked(Path cluster) throws IOException {
        Path lockFile = cluster.resolve("lock");
        if (!Files.exists(lockFile)) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException heldHere) {
            return false;
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
