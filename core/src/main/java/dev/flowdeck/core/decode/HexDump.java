package dev.flowdeck.core.decode;

import java.util.HexFormat;
import java.util.Locale;

/** The classic hex dump ({@code hexdump -C}'s layout) for the detail pane and the CLI. */
public final class HexDump {

    private static final int PER_LINE = 16;
    private static final HexFormat HEX = HexFormat.of();

    private HexDump() {
    }

    /**
     * One line per 16 bytes: the offset as 8 hex digits, two spaces, the bytes in hex separated by spaces with one
     * more after the eighth, padded so the ASCII column lines up, then that column between bars with {@code .} for
     * every byte that is not printable ASCII. Lines end with {@code \n}. When {@code bytes} is longer than
     * {@code maxBytes}, only the first {@code maxBytes} are shown and a last line says how many were not.
     * {@code (null)} for null, {@code (empty)} for no bytes; a negative {@code maxBytes} counts as 0.
     */
    public static String of(byte[] bytes, int maxBytes) {
        if (bytes == null) {
            return PayloadText.NULL;
        }
        if (bytes.length == 0) {
            return PayloadText.EMPTY;
        }
        int shown = Math.clamp(maxBytes, 0, bytes.length);
        var out = new StringBuilder((shown / PER_LINE + 2) * 80);
        for (int start = 0; start < shown; start += PER_LINE) {
            line(out, bytes, start, Math.min(start + PER_LINE, shown));
        }
        if (shown < bytes.length) {
            int hidden = bytes.length - shown;
            out.append(String.format(Locale.ROOT, "… %,d more byte%s not shown (%,d in all)\n", hidden,
                    hidden == 1 ? "" : "s", bytes.length));
        }
        return out.toString();
    }

    private static void line(StringBuilder out, byte[] bytes, int start, int end) {
        out.append(HEX.toHexDigits(start)).append("  ");
        for (int i = start; i < start + PER_LINE; i++) {
            if (i < end) {
                HEX.toHexDigits(out, bytes[i]);
                out.append(' ');
            } else {
                out.append("   ");
            }
            if (i == start + 7) {
                out.append(' ');
            }
        }
        out.append(" |");
        for (int i = start; i < end; i++) {
            int b = bytes[i] & 0xFF;
            out.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
        }
        out.append("|\n");
    }
}
