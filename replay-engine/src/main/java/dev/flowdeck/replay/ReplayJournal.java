package dev.flowdeck.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.core.publish.PublishReceipt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The write-ahead record of one replay: one line per change of an event's step (planned, sent, confirmed, failed,
 * removed, skipped), appended and forced to the disk before the action it allows. What this buys, and what the
 * runner relies on:
 *
 * <ul>
 *   <li>{@code sent} is on the disk before the message is handed to the publisher: an event without it was never
 *       sent, so resending it cannot double it.</li>
 *   <li>{@code confirmed} is on the disk before the dead letter is removed: a removal always has a confirm before
 *       it, so a move never loses an event.</li>
 *   <li>The planned records of a run are one write and one force (a batch); every later record is forced on its
 *       own. A crash can tear only the line being written, whose action had not started.</li>
 * </ul>
 *
 * <p>A line is {@code <crc32 of the JSON, 8 hex digits> <JSON>\n}. On open, a last line without its newline or with
 * a wrong checksum is a torn write: it is cut off. A damaged line before the last is not a crash's doing, so the
 * journal refuses to open rather than guess.
 *
 * <p>Methods are synchronized: completions may record from any thread. Each call waits for the disk.
 */
public final class ReplayJournal implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BEGIN = "begin";

    private final Path file;
    private final FileChannel channel;
    private final Clock clock;
    private final String replayId;
    private final JournalState state = new JournalState();

    private ReplayJournal(Path file, FileChannel channel, Clock clock, String replayId) {
        this.file = file;
        this.channel = channel;
        this.clock = clock;
        this.replayId = replayId;
    }

    /** The journal file of a replay in {@code directory} (the user data directory's {@code replays}). */
    public static Path fileFor(Path directory, String replayId) {
        return directory.resolve(safeName(replayId) + ".journal");
    }

    /**
     * Opens (or creates) the journal of replay {@code replayId}, rebuilding its state and cutting off a torn last
     * line.
     *
     * @throws JournalException if the file belongs to another replay or is damaged before its last line
     */
    public static ReplayJournal open(Path file, String replayId, Clock clock) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            boolean created = !Files.exists(file);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            ReplayJournal journal = new ReplayJournal(file, channel, clock, replayId);
            try {
                journal.recover();
                if (created || channel.size() == 0) {
                    journal.append(List.of(journal.record(BEGIN, null, null)));
                    forceDirectory(file);
                }
            } catch (RuntimeException | IOException failed) {
                channel.close();
                throw failed;
            }
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException("The replay journal " + file + " could not be opened: " + e.getMessage(),
                    e);
        }
    }

    public Path file() {
        return file;
    }

    /** A snapshot view kept current by this journal's appends; read it on the thread that appends. */
    public synchronized JournalState state() {
        return state;
    }

    /** All events of a run, one write and one force; events already in the journal are left as they are. */
    public synchronized void planned(Collection<String> keys) {
        List<ObjectNode> records = new ArrayList<>();
        for (String key : keys) {
            if (state.of(key).isEmpty()) {
                records.add(record("planned", key, null));
            }
        }
        if (!records.isEmpty()) {
            append(records);
        }
    }

    public synchronized void sent(String key) {
        append(List.of(record("sent", key, null)));
    }

    public synchronized void confirmed(String key, PublishReceipt receipt) {
        ObjectNode record = record("confirmed", key, null);
        if (receipt != null) {
            record.put("destination", receipt.destination()).put("partition", receipt.partition())
                    .put("offset", receipt.offset());
        } else {
            record.put("foundByReadBack", true);
        }
        append(List.of(record));
    }

    public synchronized void failed(String key, String reason) {
        append(List.of(record("failed", key, reason)));
    }

    public synchronized void removed(String key) {
        append(List.of(record("removed", key, null)));
    }

    public synchronized void skipped(String key, String reason) {
        append(List.of(record("skipped", key, reason)));
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode record(String step, String key, String reason) {
        ObjectNode record = JSON.createObjectNode().put("step", step).put("at", clock.instant().toString());
        if (key == null) {
            record.put("replay", replayId);
        } else {
            record.put("event", key);
        }
        if (reason != null) {
            record.put("reason", reason);
        }
        return record;
    }

    private void append(List<ObjectNode> records) {
        StringBuilder lines = new StringBuilder();
        for (ObjectNode record : records) {
            String json = record.toString(); // Jackson escapes line breaks inside strings: one record, one line
            lines.append(crc(json)).append(' ').append(json).append('\n');
        }
        ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        try {
            long at = channel.size();
            while (bytes.hasRemaining()) {
                at += channel.write(bytes, at);
            }
            // Data and length: fdatasync covers the size, which is what a reader needs.
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("The replay journal " + file + " could not be written ("
                    + e.getMessage() + "); the replay stops so that nothing is sent unrecorded.", e);
        }
        records.forEach(this::applyToState);
    }

    private void applyToState(JsonNode record) {
        String step = record.path("step").asText();
        if (step.equals(BEGIN)) {
            return;
        }
        JournalState.Step parsed = JournalState.Step.valueOf(step.toUpperCase(java.util.Locale.ROOT));
        String reason = record.hasNonNull("reason") ? record.get("reason").asText() : null;
        state.apply(record.path("event").asText(), parsed, reason);
    }

    private void recover() throws IOException {
        byte[] content = new byte[Math.toIntExact(channel.size())];
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
            // read it all
        }
        int start = 0;
        long good = 0;
        boolean first = true;
        while (start < content.length) {
            int end = indexOf(content, (byte) '\n', start);
            JsonNode record = end < 0 ? null : parse(new String(content, start, end - start, StandardCharsets.UTF_8));
            if (record == null) {
                boolean last = end < 0 || end == content.length - 1;
                if (!last) {
                    throw new JournalException("The replay journal " + file + " is damaged at byte " + start
                            + ", before its end; it is left as it is. Look at it before resuming this replay.");
                }
                break; // a torn last write: its action never started
            }
            if (first) {
                if (!BEGIN.equals(record.path("step").asText()) || !replayId.equals(record.path("replay").asText())) {
                    throw new JournalException("The journal " + file + " belongs to replay "
                            + record.path("replay").asText() + ", not " + replayId + ".");
                }
                first = false;
            } else {
                applyToState(record);
            }
            start = end + 1;
            good = start;
        }
        if (good < content.length) {
            channel.truncate(good);
            channel.force(false);
        }
    }

    /**
     * What a journal on the disk says, read without opening it for writing (a run may own it): for listing replays.
     *
     * @param replayId   the replay its {@code begin} record names
     * @param began      when its first run began
     * @param lastChange the time of its last intact record
     * @param state      where each event stands
     */
    public record Reading(String replayId, Instant began, Instant lastChange, JournalState state) {
    }

    /**
     * Reads {@code file} as {@link #readIntact} does: a torn or damaged line is passed over.
     *
     * @throws JournalException when the file does not begin as a journal does
     * @throws IOException      when it cannot be read
     */
    public static Reading read(Path file) throws IOException {
        List<JsonNode> records = readIntact(file);
        if (records.isEmpty() || !BEGIN.equals(records.getFirst().path("step").asText())) {
            throw new JournalException("The file " + file + " is not a replay journal (it does not begin with one's "
                    + "first line).");
        }
        JournalState state = new JournalState();
        Instant last = Instant.parse(records.getFirst().path("at").asText());
        for (JsonNode record : records.subList(1, records.size())) {
            String step = record.path("step").asText();
            if (step.equals(BEGIN)) {
                continue;
            }
            JournalState.Step parsed;
            try {
                parsed = JournalState.Step.valueOf(step.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                continue; // a step a newer Flowdeck wrote: passed over, as a damaged line is
            }
            state.apply(record.path("event").asText(), parsed,
                    record.hasNonNull("reason") ? record.get("reason").asText() : null);
            if (record.hasNonNull("at")) {
                last = Instant.parse(record.get("at").asText());
            }
        }
        return new Reading(records.getFirst().path("replay").asText(),
                Instant.parse(records.getFirst().path("at").asText()), last, state);
    }

    /**
     * The intact records of a journal file, read without opening it for writing (another run may own it): the
     * {@code begin} record first. A torn or damaged line is passed over; the caller decides what is missing.
     */
    static List<JsonNode> readIntact(Path file) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readString(file, StandardCharsets.UTF_8).split("\n")) {
            JsonNode record = parse(line);
            if (record != null) {
                records.add(record);
            }
        }
        return records;
    }

    /** The record on a line, or null if the line is not one whole, intact record. */
    private static JsonNode parse(String line) {
        int space = line.indexOf(' ');
        if (space != 8) {
            return null;
        }
        String json = line.substring(space + 1);
        if (!line.substring(0, space).equals(crc(json))) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }

    private static String crc(String json) {
        CRC32 crc = new CRC32();
        crc.update(json.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** A new file's name must survive a crash too: its directory is forced where the OS allows it. */
    private static void forceDirectory(Path file) {
        try (FileChannel directory = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException | UnsupportedOperationException notOnThisOs) {
            // Windows cannot open a directory as a channel; NTFS journals the name itself.
        }
    }

    private static String safeName(String replayId) {
        return replayId.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** A journal that cannot be trusted to resume from; the message says what to do. */
    public static final class JournalException extends RuntimeException {

        public JournalException(String operatorMessage) {
            super(operatorMessage);
        }
    }
}
