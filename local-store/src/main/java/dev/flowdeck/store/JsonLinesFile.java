package dev.flowdeck.store;

import dev.flowdeck.profiles.PrivateFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A file of one JSON document per line, created owner-only, appended a whole line at a time, and read from its end.
 *
 * <p>A line cut short by a crash would swallow the next one; so before appending, a file that does not end in a
 * newline gets one, and the torn line stays alone (readers skip what does not parse).
 */
final class JsonLinesFile {

    private static final int BLOCK = 8 * 1024;

    private final Path file;

    JsonLinesFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /**
     * @param line  one JSON document, without a newline
     * @param force whether to wait until the line is on the disk (fsync), not only handed to the OS
     * @return the file's size after the line
     */
    long append(String line, boolean force) throws IOException {
        PrivateFiles.createIfAbsent(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            boolean torn = size > 0 && lastByte(channel, size) != '\n';
            byte[] bytes = ((torn ? "\n" : "") + line + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long at = size;
            while (buffer.hasRemaining()) {
                at += channel.write(buffer, at);
            }
            if (force) {
                channel.force(true);
            }
            return at;
        }
    }

    long size() throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return channel.size();
        } catch (NoSuchFileException none) {
            return 0;
        }
    }

    /**
     * The last {@code limit} complete lines, oldest first, reading back from the end only as far as they go. Blank
     * lines are left out; a missing file has none.
     */
    List<String> tail(int limit) throws IOException {
        if (limit <= 0) {
            return List.of();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Deque<String> lines = new ArrayDeque<>();
            long position = channel.size();
            // Bytes of the line being assembled, newest block first: a line may span several blocks.
            var pending = new ArrayList<byte[]>();
            ByteBuffer block = ByteBuffer.allocate(BLOCK);
            while (position > 0 && lines.size() < limit) {
                int length = (int) Math.min(BLOCK, position);
                position -= length;
                block.clear().limit(length);
                while (block.hasRemaining()) {
                    if (channel.read(block, position + block.position()) < 0) {
                        throw new IOException(file + " shrank while it was read");
                    }
                }
                byte[] bytes = block.array();
                int lineEnd = length;
                for (int i = length - 1; i >= 0 && lines.size() < limit; i--) {
                    if (bytes[i] == '\n') {
                        pending.add(slice(bytes, i + 1, lineEnd));
                        addLine(lines, pending);
                        lineEnd = i;
                    }
                }
                if (lines.size() < limit) {
                    pending.add(slice(bytes, 0, lineEnd));
                }
            }
            if (position == 0 && lines.size() < limit) {
                addLine(lines, pending); // the file's first line has no newline before it
            }
            return new ArrayList<>(lines);
        } catch (NoSuchFileException none) {
            return List.of();
        }
    }

    private static void addLine(Deque<String> lines, List<byte[]> pendingNewestFirst) {
        var line = new ByteArrayOutputStream();
        for (int i = pendingNewestFirst.size() - 1; i >= 0; i--) {
            line.writeBytes(pendingNewestFirst.get(i));
        }
        pendingNewestFirst.clear();
        String text = line.toString(StandardCharsets.UTF_8);
        if (!text.isBlank()) {
            lines.addFirst(text);
        }
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        byte[] part = new byte[to - from];
        System.arraycopy(bytes, from, part, 0, part.length);
        return part;
    }

    private static int lastByte(FileChannel channel, long size) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        channel.read(one, size - 1);
        return one.get(0);
    }
}
