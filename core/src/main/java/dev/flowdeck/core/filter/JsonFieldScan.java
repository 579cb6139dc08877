package dev.flowdeck.core.filter;

import dev.flowdeck.core.decode.ByteWords;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Finds a field path's value in a JSON document by walking its bytes, without a parser: the few bytes a filtered
 * scan needs from each of a million values, where Jackson's streaming parser (its set-up, its tokens, the names it
 * decodes) cost twice what the consumer spends on the record.
 *
 * <p>It is strict and knows it: it answers only for a document that begins with <code>{</code> and that it can
 * check is plain RFC 8259 JSON on the way (every string, escape, number and bracket), and says {@link #UNSURE}
 * for anything else (an escape in a field name, a malformed or unusual byte, great depth, a huge number), so that
 * {@link JsonFieldPath} asks Jackson, whose answer is the definition. Payloads on a topic are nearly always plain
 * JSON, so the slow way is rare; a document Jackson would refuse is never answered here. A differential fuzz test
 * holds the two to the same answers.
 */
final class JsonFieldScan {

    /** Not there: the document is JSON (as far as the path needs it read) and the path finds nothing. */
    static final long ABSENT = -1;
    /** Not answered here: ask Jackson. */
    static final long UNSURE = -2;

    /** Deeper than this is left to Jackson (which refuses beyond {@code JsonLimits.MAX_DEPTH}). */
    private static final int MAX_DEPTH = 64;
    /** A longer number is left to Jackson (which refuses beyond {@code JsonLimits.MAX_NUMBER_LENGTH} digits). */
    private static final int MAX_NUMBER = 100;

    private final byte[][] fields;
    private final boolean firstWins;
    private byte[] doc;
    private int at;

    private JsonFieldScan(byte[][] fields, boolean firstWins) {
        this.fields = fields;
        this.firstWins = firstWins;
    }

    /** The path's field names as the UTF-8 bytes a document spells them with (when it needs no escapes). */
    static byte[][] names(List<String> fields) {
        return fields.stream().map(field -> field.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    }

    /**
     * The range of the value at the path, packed as {@code start << 32 | end}, or {@link #ABSENT}, or
     * {@link #UNSURE}. With {@code firstWins} the first occurrence that leads to a value counts and nothing after
     * it is read; otherwise a repeated name counts at its last occurrence and the whole document is checked.
     */
    static long find(byte[] document, byte[][] fields, boolean firstWins) {
        // Jackson guesses UTF-16 or UTF-32 from zero bytes among the first four: such documents are its business.
        if (document.length < 2 || document[0] != '{' || document[1] == 0
                || document.length > 2 && document[2] == 0 || document.length > 3 && document[3] == 0) {
            return UNSURE;
        }
        var scan = new JsonFieldScan(fields, firstWins);
        scan.doc = document;
        try {
            return scan.object(0, 1);
        } catch (Unsure | ArrayIndexOutOfBoundsException unsure) {
            return UNSURE; // the document ended early, or held something left to Jackson
        }
    }

    static int start(long range) {
        return (int) (range >>> 32);
    }

    static int end(long range) {
        return (int) range;
    }

    /** At the object's opening brace; reads to after its closing one, following the path from {@code step}. */
    private long object(int step, int depth) {
        at++;
        long found = ABSENT;
        whitespace();
        if (doc[at] == '}') {
            at++;
            return found;
        }
        while (true) {
            expect('"');
            int nameStart = at + 1;
            boolean plain = string();
            boolean wanted = step < fields.length && plain && named(nameStart, at - 1, fields[step]);
            whitespace();
            expect(':');
            at++;
            whitespace();
            if (wanted) {
                long here;
                if (step + 1 == fields.length) {
                    int start = at;
                    value(depth);
                    here = (long) start << 32 | at;
                } else if (doc[at] == '{') {
                    depth(depth + 1);
                    here = object(step + 1, depth + 1);
                } else {
                    value(depth);
                    here = ABSENT;
                }
                if (firstWins && here != ABSENT) {
                    // Read no further, but what follows the value must end it: Jackson refuses "truex" and such.
                    whitespace();
                    if (doc[at] != ',' && doc[at] != '}') {
                        throw Unsure.INSTANCE;
                    }
                    return here;
                }
                found = here; // a repeated name: the last one counts, as in a tree
            } else {
                value(depth);
            }
            whitespace();
            byte next = doc[at++];
            if (next == '}') {
                return found;
            }
            if (next != ',') {
                throw Unsure.INSTANCE;
            }
            whitespace();
        }
    }

    /** Reads one value of any kind, checking it. */
    private void value(int depth) {
        switch (doc[at]) {
            case '{' -> {
                depth(depth + 1);
                object(fields.length, depth + 1);
            }
            case '[' -> {
                depth(depth + 1);
                array(depth + 1);
            }
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    private void array(int depth) {
        at++;
        whitespace();
        if (doc[at] == ']') {
            at++;
            return;
        }
        while (true) {
            value(depth);
            whitespace();
            byte next = doc[at++];
            if (next == ']') {
                return;
            }
            if (next != ',') {
                throw Unsure.INSTANCE;
            }
            whitespace();
        }
    }

    /**
     * At the opening quote; reads to after the closing one. Returns whether the string is plain (no escapes), so
     * that its bytes are its text. Most of a payload's bytes are inside strings, so they are skipped eight at a time
     * up to the first byte that needs a look ({@link ByteWords#jsonStringStops}).
     */
    private boolean string() {
        byte[] d = doc;
        int i = at + 1;
        boolean plain = true;
        int words = d.length - Long.BYTES;
        while (true) {
            if (i <= words) {
                long stops = ByteWords.jsonStringStops(ByteWords.at(d, i));
                if (stops == 0) {
                    i += Long.BYTES;
                    continue;
                }
                i += ByteWords.firstFound(stops);
            }
            byte b = d[i];
            if (b >= 0x20 && b != '"' && b != '\\') {
                i++; // printable ASCII, in the last bytes of the document
            } else if (b == '"') {
                at = i + 1;
                return plain;
            } else if (b == '\\') {
                at = i;
                escape();
                i = at;
                plain = false;
            } else if (b >= 0) {
                throw Unsure.INSTANCE; // a raw control character
            } else {
                at = i;
                utf8(b & 0xFF);
                i = at;
            }
        }
    }

    private void escape() {
        byte kind = doc[at + 1];
        switch (kind) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> at += 2;
            case 'u' -> {
                for (int i = 2; i < 6; i++) {
                    if (Character.digit(doc[at + i], 16) < 0) {
                        throw Unsure.INSTANCE;
                    }
                }
                at += 6;
            }
            default -> throw Unsure.INSTANCE;
        }
    }

    /** One well-formed UTF-8 sequence (shortest form, no surrogates, at most U+10FFFF), else unsure. */
    private void utf8(int lead) {
        int length;
        int min;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            min = 0x80;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            min = 0x800;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            min = 0x10000;
        } else {
            throw Unsure.INSTANCE;
        }
        int code = lead & (0x7F >> length);
        for (int i = 1; i < length; i++) {
            int next = doc[at + i] & 0xFF;
            if ((next & 0xC0) != 0x80) {
                throw Unsure.INSTANCE;
            }
            code = code << 6 | next & 0x3F;
        }
        if (code < min || code > 0x10FFFF || code >= 0xD800 && code <= 0xDFFF) {
            throw Unsure.INSTANCE;
        }
        at += length;
    }

    /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, as RFC 8259 writes it. */
    private void number() {
        int start = at;
        if (doc[at] == '-') {
            at++;
        }
        if (doc[at] == '0') {
            at++;
        } else if (digit(doc[at])) {
            digits();
        } else {
            throw Unsure.INSTANCE;
        }
        if (at < doc.length && doc[at] == '.') {
            at++;
            digits();
        }
        if (at < doc.length && (doc[at] == 'e' || doc[at] == 'E')) {
            at++;
            if (doc[at] == '+' || doc[at] == '-') {
                at++;
            }
            digits();
        }
        if (at - start > MAX_NUMBER) {
            throw Unsure.INSTANCE;
        }
    }

    /** One digit at least, then as many as follow. */
    private void digits() {
        if (!digit(doc[at])) {
            throw Unsure.INSTANCE;
        }
        do {
            at++;
        } while (at < doc.length && digit(doc[at]));
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    private void literal(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (doc[at + i] != word.charAt(i)) {
                throw Unsure.INSTANCE;
            }
        }
        at += word.length();
    }

    private void whitespace() {
        byte[] d = doc;
        int i = at;
        while (i < d.length) {
            byte b = d[i];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                break;
            }
            i++;
        }
        at = i;
    }

    private void expect(char c) {
        if (doc[at] != c) {
            throw Unsure.INSTANCE;
        }
    }

    private void depth(int depth) {
        if (depth > MAX_DEPTH) {
            throw Unsure.INSTANCE;
        }
    }

    private boolean named(int start, int end, byte[] name) {
        if (end - start != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (doc[start + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    /** Thrown to leave a document to Jackson; one shared instance, without a stack trace, as it is no error. */
    private static final class Unsure extends RuntimeException {
        static final Unsure INSTANCE = new Unsure();

        private Unsure() {
            super("left to Jackson", null, false, false);
        }
    }
}
