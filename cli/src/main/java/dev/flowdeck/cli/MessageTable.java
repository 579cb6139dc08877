package dev.flowdeck.cli;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.decode.Utf8;
import dev.flowdeck.core.export.MessageExport;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Messages as aligned columns for reading in a terminal: time, partition, offset, key, and as much of the value
 * as the width leaves, each on one line. Widths are fixed, since a stream cannot look ahead to measure; the
 * header row comes with the first message, so a search that finds nothing prints nothing.
 */
final class MessageTable implements MessageExport {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final int TIME_WIDTH = 24;
    private static final int PARTITION_WIDTH = 4;
    private static final int OFFSET_WIDTH = 10;
    private static final int MAX_KEY_WIDTH = 20;
    private static final int MIN_KEY_WIDTH = 8;
    private static final int MIN_VALUE_WIDTH = 10;
    private static final int GAP = 2;

    private final PrintStream out;
    private final int keyWidth;
    private final int valueWidth;
    private long written;

    /**
     * @param out   where the lines go; closed with the table
     * @param width the terminal's width: no line is longer (down to 70 columns; below that, lines wrap)
     */
    MessageTable(OutputStream out, Charset charset, int width) {
        this.out = new PrintStream(out, false, charset);
        // Key and value share what the fixed columns leave; a narrow terminal narrows the key first.
        int left = width - TIME_WIDTH - PARTITION_WIDTH - OFFSET_WIDTH - 4 * GAP;
        this.keyWidth = Math.clamp(left / 3, MIN_KEY_WIDTH, MAX_KEY_WIDTH);
        this.valueWidth = Math.max(MIN_VALUE_WIDTH, left - keyWidth);
    }

    @Override
    public void write(BrowsedMessage message) {
        if (written == 0) {
            out.println(row("TIME", "PART", "OFFSET", "KEY", "VALUE"));
        }
        String time = message.timestamp() == null ? "" : TIME.format(message.timestamp());
        out.println(row(time, Integer.toString(message.partition()),
                message.offset() < 0 ? "" : Long.toString(message.offset()),
                preview(message.key(), keyWidth, "-"), preview(message.readableValue(), valueWidth, "(tombstone)")));
        out.flush();
        written++;
    }

    private String row(String time, String partition, String offset, String key, String value) {
        String gap = " ".repeat(GAP);
        return pad(time, TIME_WIDTH) + gap + padLeft(partition, PARTITION_WIDTH) + gap
                + padLeft(offset, OFFSET_WIDTH) + gap + pad(key, keyWidth) + gap + value;
    }

    /** One line of at most {@code width} characters: text with line breaks flattened, else hex; null says so. */
    static String preview(byte[] bytes, int width, String ifNull) {
        if (bytes == null) {
            return ifNull;
        }
        String text = Utf8.decodeOrNull(bytes);
        String shown;
        if (text == null) {
            int sample = Math.min(bytes.length, width);
            shown = "0x" + HexFormat.of().formatHex(bytes, 0, sample) + (sample < bytes.length ? "…" : "");
        } else {
            var flat = new StringBuilder(Math.min(text.length(), width + 1));
            for (int i = 0; i < text.length() && flat.length() <= width; i++) {
                char c = text.charAt(i);
                flat.append(Character.isISOControl(c) ? ' ' : c);
            }
            shown = flat.toString();
        }
        return shown.length() <= width ? shown : shown.substring(0, width - 1) + "…";
    }

    private static String pad(String text, int width) {
        String cut = text.length() <= width ? text : text.substring(0, width - 1) + "…";
        return cut + " ".repeat(width - cut.length());
    }

    private static String padLeft(String text, int width) {
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }

    @Override
    public long written() {
        return written;
    }

    @Override
    public void close() {
        out.close();
    }
}
