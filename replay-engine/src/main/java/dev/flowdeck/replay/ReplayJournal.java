package dev.flowdeck.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
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
 *   <li>Lines are written in batches ({@link Batch}): one write and one force for all of them, the runner's way of
 *       recording a whole concurrency window at once. No action a line of a batch allows starts before the batch
 *       is forced, so a crash can tear only the batch being written, none of whose actions had started: any
 *       prefix of it that reaches the disk (whole lines, then maybe part of one) is as good as any other.</li>
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
    private static final JsonStringEncoder QUOTE = JsonStringEncoder.getInstance();
    private static final String BEGIN = "begin";
    private static final byte[] BEGIN_BYTES = ascii(BEGIN);
    /** Each step's name as a line spells it, lower case. */
    private static final byte[][] STEP_NAMES = java.util.Arrays.stream(JournalState.Step.values())
            .map(step -> ascii(step.name().toLowerCase(java.util.Locale.ROOT))).toArray(byte[][]::new);
    private static final byte[] STEP_FIELD = ascii("{\"step\":\"");
    private static final byte[] AT_FIELD = ascii("\",\"at\":\"");
    private static final byte[] REPLAY_FIELD = ascii(",\"replay\":\"");
    private static final byte[] EVENT_FIELD = ascii(",\"event\":\"");
    private static final byte[] REASON_FIELD = ascii(",\"reason\":\"");
    private static final byte[] DESTINATION_FIELD = ascii(",\"destination\":\"");
    private static final byte[] PARTITION_FIELD = ascii(",\"partition\":");
    private static final byte[] OFFSET_FIELD = ascii(",\"offset\":");
    /** How many bytes of planned lines are written at a time (see {@link #planned}). */
    private static final int PLANNED_CHUNK_BYTES = 512 * 1024;
    private static final byte[] FOUND_BY_READ_BACK = ascii(",\"foundByReadBack\":true");

    private final Path file;
    private final FileChannel channel;
    private final Clock clock;
    private final String replayId;
    private final JournalState state = new JournalState();
    private WriteFault fault;
    /** The last line's time, written: lines of one turn mostly share a millisecond, and formatting one costs. */
    private long atMillis = Long.MIN_VALUE;
    private byte[] at;

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
                    LineBytes begin = new LineBytes();
                    journal.line(begin, null, null, null, null);
                    journal.append(begin, List.of());
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

    /** See {@link WriteFault}: tests only. */
    synchronized void failWritesWith(WriteFault fault) {
        this.fault = fault;
    }

    /** A snapshot view kept current by this journal's appends; read it on the thread that appends. */
    public synchronized JournalState state() {
        return state;
    }

    /** An empty batch of lines, to fill and {@link #write}. */
    public Batch batch() {
        return new Batch();
    }

    /**
     * Appends the batch's lines with one write and one force, then empties the batch. When this returns, every
     * line of it is on the disk and the actions they allow may start; when it throws, none may.
     */
    public synchronized void write(Batch batch) {
        if (!batch.changes.isEmpty()) {
            append(batch.lines, batch.changes);
            batch.clear();
        }
    }

    /**
     * All events of a run, one force; events already in the journal are left as they are. The lines go to the
     * file a few thousand at a time (a plan of 100,000 events is about 10 MB of them, better not built whole in
     * memory); none of them allows an action, so a crash between two of these writes leaves a journal of planned
     * events like any other, and the force that ends this call covers them all.
     */
    public synchronized void planned(Collection<String> keys) {
        state.expect(keys.size());
        Batch planned = batch();
        for (String key : keys) {
            if (state.of(key).isEmpty()) {
                planned.add(JournalState.Step.PLANNED, key, null, null);
                if (planned.lines.size() >= PLANNED_CHUNK_BYTES) {
                    writeUnforced(planned.lines);
                }
            }
        }
        if (!planned.isEmpty()) {
            append(planned.lines, planned.changes);
        }
    }

    public synchronized void sent(String key) {
        write(batch().sent(key));
    }

    public synchronized void confirmed(String key, PublishReceipt receipt) {
        write(batch().confirmed(key, receipt));
    }

    public synchronized void failed(String key, String reason) {
        write(batch().failed(key, reason));
    }

    public synchronized void removed(String key) {
        write(batch().removed(key));
    }

    public synchronized void skipped(String key, String reason) {
        write(batch().skipped(key, reason));
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes one line into {@code out}, its JSON encoded straight into bytes: a Jackson tree and a serializer per
     * line, or even a string per line to encode afterwards, cost more than the rest of a replayed event's
     * bookkeeping (a replay writes two or three lines an event, a whole window of them per force). Strings are
     * escaped as Jackson escapes them (line breaks too: one record, one line); a reader parses the lines with
     * Jackson.
     *
     * @param step    null for the {@code begin} line
     * @param receipt for {@code confirmed}: where it landed, or null when a read-back found it
     */
    private void line(LineBytes out, JournalState.Step step, String key, String reason, PublishReceipt receipt) {
        out.begin();
        out.ascii(STEP_FIELD).ascii(step == null ? BEGIN_BYTES : STEP_NAMES[step.ordinal()]).ascii(AT_FIELD)
                .ascii(now()).ascii((byte) '"');
        if (key == null) {
            out.field(REPLAY_FIELD, replayId);
        } else {
            out.field(EVENT_FIELD, key);
        }
        if (reason != null) {
            out.field(REASON_FIELD, reason);
        }
        if (step == JournalState.Step.CONFIRMED) {
            if (receipt == null) {
                out.ascii(FOUND_BY_READ_BACK);
            } else {
                out.field(DESTINATION_FIELD, receipt.destination()).ascii(PARTITION_FIELD)
                        .decimal(receipt.partition()).ascii(OFFSET_FIELD).decimal(receipt.offset());
            }
        }
        out.ascii((byte) '}').end();
    }

    /** The time a line records, to the millisecond (what an operator reading a journal needs of it), as bytes. */
    private synchronized byte[] now() {
        long millis = clock.millis();
        if (millis != atMillis) {
            atMillis = millis;
            at = Instant.ofEpochMilli(millis).toString().getBytes(StandardCharsets.US_ASCII);
        }
        return at;
    }

    /** What a line does to the state, kept beside its bytes until they are on the disk. */
    private record Change(JournalState.Step step, String key, String reason) {
    }

    /**
     * Lines being built, as the bytes that go to the file: {@code <crc32 hex> <JSON>\n} each. The checksum is
     * computed over the JSON's bytes where they lie, and written into the room kept for it in front. Reused
     * from batch to batch, so a turn's lines cost no allocation once the buffer has grown to a window's size.
     */
    private static final class LineBytes {

        private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

        private final CRC32 crc = new CRC32();
        private byte[] bytes = new byte[512];
        private int size;
        private int lineStart;

        void begin() {
            lineStart = size;
            room(9);
            size += 9; // the checksum and its space, filled in by end()
        }

        void end() {
            int json = lineStart + 9;
            crc.reset();
            crc.update(bytes, json, size - json);
            int value = (int) crc.getValue();
            for (int i = 0; i < 8; i++) {
                bytes[lineStart + i] = HEX[(value >>> (28 - 4 * i)) & 0xf];
            }
            bytes[lineStart + 8] = ' ';
            room(1);
            bytes[size++] = '\n';
        }

        LineBytes ascii(byte[] text) {
            room(text.length);
            System.arraycopy(text, 0, bytes, size, text.length);
            size += text.length;
            return this;
        }

        LineBytes ascii(byte b) {
            room(1);
            bytes[size++] = b;
            return this;
        }

        LineBytes decimal(long number) {
            if (number < 0) {
                if (number == Long.MIN_VALUE) {
                    return ascii(Long.toString(number).getBytes(StandardCharsets.US_ASCII));
                }
                ascii((byte) '-');
                number = -number;
            }
            int digits = 1;
            for (long rest = number / 10; rest > 0; rest /= 10) {
                digits++;
            }
            room(digits);
            for (int i = size + digits - 1; i >= size; i--) {
                bytes[i] = (byte) ('0' + number % 10);
                number /= 10;
            }
            size += digits;
            return this;
        }

        /** {@code ,"name":"value"}, the value escaped as Jackson escapes it. */
        LineBytes field(byte[] nameAndColon, String value) {
            ascii(nameAndColon);
            int length = value.length();
            room(length + 1);
            int i = 0;
            // Printable ASCII other than a quote or a backslash goes as it is: keys, topics and most reasons.
            for (; i < length; i++) {
                char c = value.charAt(i);
                if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                    break;
                }
                bytes[size++] = (byte) c;
            }
            if (i < length) {
                // The rest as before: Jackson's escapes, then UTF-8 (never splits a surrogate pair: a high
                // surrogate is not printable ASCII, so the rest starts at or before it).
                ascii(new String(QUOTE.quoteAsString(value.substring(i))).getBytes(StandardCharsets.UTF_8));
            }
            return ascii((byte) '"');
        }

        int size() {
            return size;
        }

        void clear() {
            size = 0;
        }

        ByteBuffer buffer() {
            return ByteBuffer.wrap(bytes, 0, size);
        }

        private void room(int more) {
            if (size + more > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }

    /** Writes the lines and forces them, then applies what they say to the state. */
    private void append(LineBytes lines, List<Change> changes) {
        writeUnforced(lines);
        try {
            // Data and length: fdatasync covers the size, which is what a reader needs.
            channel.force(false);
        } catch (IOException e) {
            throw unwritten(e);
        }
        for (Change change : changes) {
            state.apply(change.key(), change.step(), change.reason());
        }
    }

    /** Writes the lines at the end of the file, not yet forced, and empties {@code lines}. */
    private void writeUnforced(LineBytes lines) {
        ByteBuffer bytes = lines.buffer();
        try {
            long at = channel.size();
            if (fault != null) {
                fault.beforeWrite(channel, at, bytes.duplicate());
            }
            while (bytes.hasRemaining()) {
                at += channel.write(bytes, at);
            }
        } catch (IOException e) {
            throw unwritten(e);
        }
        lines.clear();
    }

    private UncheckedIOException unwritten(IOException e) {
        return new UncheckedIOException("The replay journal " + file + " could not be written (" + e.getMessage()
                + "); the replay stops so that nothing is sent unrecorded.", e);
    }

    private void applyToState(JsonNode record) {
        apply(record.path("step").asText(), record.path("event").asText(),
                record.hasNonNull("reason") ? record.get("reason").asText() : null);
    }

    private void apply(String step, String key, String reason) {
        if (step.equals(BEGIN)) {
            return;
        }
        state.apply(key, JournalState.Step.valueOf(step.toUpperCase(java.util.Locale.ROOT)), reason);
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

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String safeName(String replayId) {
        return replayId.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * Lines written together by {@link #write}: the steps a runner's turn reached, in order. Filling one touches
     * nothing on the disk; a batch belongs to the thread filling it.
     */
    public final class Batch {

        private final LineBytes lines = new LineBytes();
        private final List<Change> changes = new ArrayList<>();

        private Batch() {
        }

        public Batch sent(String key) {
            return add(JournalState.Step.SENT, key, null, null);
        }

        public Batch confirmed(String key, PublishReceipt receipt) {
            return add(JournalState.Step.CONFIRMED, key, null, receipt);
        }

        public Batch failed(String key, String reason) {
            return add(JournalState.Step.FAILED, key, reason, null);
        }

        public Batch removed(String key) {
            return add(JournalState.Step.REMOVED, key, null, null);
        }

        public Batch skipped(String key, String reason) {
            return add(JournalState.Step.SKIPPED, key, reason, null);
        }

        public boolean isEmpty() {
            return changes.isEmpty();
        }

        public int size() {
            return changes.size();
        }

        private Batch add(JournalState.Step step, String key, String reason, PublishReceipt receipt) {
            line(lines, step, key, reason, receipt);
            changes.add(new Change(step, key, reason));
            return this;
        }

        private void clear() {
            lines.clear();
            changes.clear();
        }
    }

    /**
     * Tests kill the process in the middle of a write with it: it gets each write's bytes before they go to the
     * file, and may write a part of them itself and throw (a torn batch). Null in the app.
     */
    interface WriteFault {

        void beforeWrite(FileChannel channel, long at, ByteBuffer bytes) throws IOException;
    }

    /** A journal that cannot be trusted to resume from; the message says what to do. */
    public static final class JournalException extends RuntimeException {

        public JournalException(String operatorMessage) {
            super(operatorMessage);
        }
    }
}
