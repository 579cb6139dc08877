package dev.flowdeck.profiles;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and folders readable by their owner only where the file system allows it: settings written whole or not at
 * all, and logs created private before their first line. Also used by the local store for its logs and history.
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {
    }

    /** Replaces {@code file} with {@code content} in one move, so a crash leaves the old file or the new one. */
    public static void write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            restrict(temp);
            Files.write(temp, content);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Creates {@code file} (and its folders) owner-only if it does not exist yet; an existing file is left as it is.
     * The permissions are given at creation, so no other user can open it in between.
     */
    public static void createIfAbsent(Path file) throws IOException {
        if (file.getParent() != null) {
            createFolders(file.getParent());
        }
        try {
            Files.createFile(file, attributes(file, OWNER_FILE));
        } catch (FileAlreadyExistsException exists) {
            // Another run created it: appending to it is what the caller wants.
        }
    }

    /** Creates {@code folder} and its parents; those it creates are owner-only. */
    public static void createFolders(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        Files.createDirectories(folder, attributes(folder, OWNER_FOLDER));
    }

    private static FileAttribute<?>[] attributes(Path path, Set<PosixFilePermission> permissions) {
        boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
        // Windows: the per-user config directory is already private to the user.
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, OWNER_FILE);
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the per-user config directory is already private to the user.
        }
    }
}
