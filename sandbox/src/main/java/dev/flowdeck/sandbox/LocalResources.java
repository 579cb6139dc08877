package dev.flowdeck.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** What every embedded server of the sandbox needs from the machine: free ports, a temp directory, its log. */
public final class LocalResources {

    private LocalResources() {
    }

    /** A loopback port free right now (another process could take it before the server binds: rare, retried). */
    public static int freeLoopbackPort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new SandboxException("No free loopback port: " + e.getMessage(), e);
        }
    }

    public static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new SandboxException("Could not create a temp directory for the sandbox: " + e.getMessage(), e);
        }
    }

    public static void write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of a log, for an error message that saves the operator opening it. */
    public static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + file + ": " + e.getMessage() + ")";
        }
    }

    /** Best effort by design: this runs while processes are going away and may still hold files. */
    public static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // a file still held open: the OS temp cleaner takes it
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // the directory vanished or changed under us: nothing left to do
        }
    }
}
