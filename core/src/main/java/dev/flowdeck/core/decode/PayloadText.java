package dev.flowdeck.core.decode;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/** A payload as text: one line for a table cell, indented JSON for the detail pane, lenient UTF-8 for the rest. */
public final class PayloadText {

    /** Shown for a null payload (a null key, a tombstone's value). */
    public static final String NULL = "(null)";
    /** Shown for a payload of zero bytes. */
    public static final String EMPTY = "(empty)";
    /** Stands for a line break in a one-line preview. */
    public static final char LINE_BREAK = '⏎';

    private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
            .withObjectIndenter(INDENT)
            .withArrayIndenter(INDENT);

    private PayloadText() {
    }

    /**
     * One line of at most {@code maxChars} chars, ending with {@code …} when cut: JSON compacted (whitespace outside
     * strings removed, U+2028 and U+2029 in strings escaped), text with each line break (CRLF, CR, LF, U+2028,
     * U+2029) shown as {@code ⏎} and tabs as spaces, binary as {@code 0x} and lower-case hex, null as
     * {@code (null)}, no bytes as {@code (empty)}. Never throws; a {@code maxChars} below 1 gives an empty string.
     */
    public static String preview(byte[] bytes, int maxChars) {
        var decoded = PayloadFormat.decode(bytes);
        return switch (decoded.kind()) {
            case NULL -> CellText.fit(NULL, maxChars);
            case EMPTY -> CellText.fit(EMPTY, maxChars);
            case JSON -> compactJson(decoded.text(), maxChars);
            case TEXT -> oneLine(decoded.text(), maxChars);
            case BINARY -> hex(bytes, maxChars);
        };
    }

    /** The JSON object or array indented by two spaces, numbers written as they were; empty when not JSON. */
    public static Optional<String> prettyJson(byte[] bytes) {
        var decoded = PayloadFormat.decode(bytes);
        if (decoded.kind() != PayloadKind.JSON) {
            return Optional.empty();
        }
        var out = new StringWriter(decoded.text().length() + decoded.text().length() / 4);
        try (JsonParser parser = JsonLimits.factory().createParser(decoded.text());
             JsonGenerator generator = JsonLimits.factory().createGenerator(out)) {
            generator.setPrettyPrinter(PRETTY);
            copy(parser, generator);
        } catch (IOException e) {
            // The text parsed a moment ago and a StringWriter does not fail: a broken invariant, not bad input.
            throw new UncheckedIOException("JSON that detect() accepted did not parse again", e);
        }
        return Optional.of(out.toString());
    }

    /** The bytes as UTF-8, each malformed sequence replaced by U+FFFD; {@code (null)} for null. */
    public static String text(byte[] bytes) {
        return bytes == null ? NULL : new String(bytes, StandardCharsets.UTF_8);
    }

    /** Token by token, so numbers keep their digits (no conversion to double) and nesting costs no stack. */
    private static void copy(JsonParser parser, JsonGenerator generator) throws IOException {
        for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
            switch (token) {
                case START_OBJECT -> generator.writeStartObject();
                case END_OBJECT -> generator.writeEndObject();
                case START_ARRAY -> generator.writeStartArray();
                case END_ARRAY -> generator.writeEndArray();
                case FIELD_NAME -> generator.writeFieldName(parser.currentName());
                case VALUE_STRING -> generator.writeString(parser.getText());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> generator.writeNumber(parser.getText());
                case VALUE_TRUE -> generator.writeBoolean(true);
                case VALUE_FALSE -> generator.writeBoolean(false);
                case VALUE_NULL -> generator.writeNull();
                default -> throw new IOException("unexpected token " + token);
            }
        }
    }

    private static String compactJson(String json, int maxChars) {
        var cell = new CellText(maxChars);
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (PayloadFormat.isJsonWhitespace(c)) {
                continue;
            }
            // JSON lets U+2028 and U+2029 stand raw in a string; escaped, the line stays one line and the same JSON.
            boolean fits = switch (c) {
                case '\u2028' -> cell.add("\\u2028");
                case '\u2029' -> cell.add("\\u2029");
                default -> cell.add(c);
            };
            if (!fits) {
                break;
            }
        }
        return cell.done();
    }

    private static String oneLine(String text, int maxChars) {
        var cell = new CellText(maxChars);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean fits = switch (c) {
                case '\r' -> {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    yield cell.add(LINE_BREAK);
                }
                case '\n', '\u2028', '\u2029' -> cell.add(LINE_BREAK);
                case '\t' -> cell.add(' ');
                default -> cell.add(c);
            };
            if (!fits) {
                break;
            }
        }
        return cell.done();
    }

    /** Formats only the bytes that can show: a 10 MB value costs a few dozen chars. */
    private static String hex(byte[] bytes, int maxChars) {
        int limit = Math.max(0, maxChars);
        int shown = Math.min(bytes.length, limit / 2);
        String hex = "0x" + HexFormat.of().formatHex(bytes, 0, shown);
        if (shown == bytes.length && hex.length() <= limit) {
            return hex;
        }
        if (limit == 0) {
            return "";
        }
        int keep = Math.min(hex.length(), limit - 1);
        if (keep > 2 && (keep - 2) % 2 != 0) {
            keep--; // whole bytes only
        }
        return hex.substring(0, keep) + CellText.ELLIPSIS;
    }
}
