package dev.flowdeck.core.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Tells what a payload is from its bytes alone, the way the browser's table, detail pane and CLI show it. Cheap
 * enough for every row: one strict UTF-8 decode, and a JSON parse only when the text starts like an object or an
 * array.
 */
public final class PayloadFormat {

    /** A payload's kind and, unless binary or absent, its text: decoded once for whoever shows it. */
    record Decoded(PayloadKind kind, String text) {
    }

    private PayloadFormat() {
    }

    /**
     * {@link PayloadKind#NULL} for null, {@link PayloadKind#EMPTY} for no bytes, {@link PayloadKind#JSON} for strict
     * UTF-8 that parses completely as a JSON object or array (whitespace around it allowed, nothing else, within
     * {@link JsonLimits}), {@link PayloadKind#TEXT} for strict UTF-8 without control characters other than tab, CR
     * and LF, else {@link PayloadKind#BINARY}. Never throws.
     */
    public static PayloadKind detect(byte[] bytes) {
        return decode(bytes).kind();
    }

    static Decoded decode(byte[] bytes) {
        if (bytes == null) {
            return new Decoded(PayloadKind.NULL, null);
        }
        if (bytes.length == 0) {
            return new Decoded(PayloadKind.EMPTY, "");
        }
        String text = Utf8.decodeOrNull(bytes);
        if (text == null) {
            return new Decoded(PayloadKind.BINARY, null);
        }
        if (startsLikeJson(text) && isJsonDocument(text)) {
            return new Decoded(PayloadKind.JSON, text);
        }
        return new Decoded(printable(text) ? PayloadKind.TEXT : PayloadKind.BINARY, text);
    }

    /** Valid UTF-8 can still be control bytes (a binary int often is): text means no control but tab and newlines. */
    static boolean printable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    static boolean isJsonWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean startsLikeJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isJsonWhitespace(c)) {
                return c == '{' || c == '[';
            }
        }
        return false;
    }

    /** One object or array and nothing after it; skipping tokenizes everything, so every part is checked. */
    private static boolean isJsonDocument(String text) {
        try (JsonParser parser = JsonLimits.factory().createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException notJson) { // includes the limits' StreamConstraintsException
            return false;
        }
    }
}
