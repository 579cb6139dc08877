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
 * for anything else (an escape in a field name where the path looks for its names, a malformed or unusual byte,
 * great depth, a huge number), so that {@link JsonFieldPath} asks Jackson, whose answer is the definition.
 * Payloads on a topic are nearly always plain JSON, so the slow way is rare; a document Jackson would refuse is
 * never answered here. A differential fuzz test holds the two to the same answers.
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

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private JsonFieldScan() {
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
        try {
            return walk(document, fields, firstWins);
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

    /**
     * One pass over the document in a loop, its state in locals: the containers open (and which are arrays, one
     * bit each), how many of them are objects on the path, and where the value at the path's end began. The walk
     * it replaced recursed, one method per kind of value with its position in a field, and took about 10% longer
     * to find {@code $.amount} in the benchmarks' order events.
     */
    private static long walk(byte[] d, byte[][] fields, boolean firstWins) {
        int i = whitespace(d, 1);
        int depth = 1;
        long arrays = 0; // bit (depth - 1): the container open at that depth is an array
        int pathDepth = 1; // the objects open at depths 1 to pathDepth are the path's, so far
        long found = ABSENT;
        int valueStart = -1;
        int valueDepth = 0;
        if (d[i] == '}') {
            return ABSENT;
        }
        boolean member = true; // at a member's name (in an object), else at a value
        while (true) {
            if (member) {
                // At a member's name, in the object open at depth.
                if (d[i] != '"') {
                    throw Unsure.INSTANCE;
                }
                int nameStart = i + 1;
                int nameEnd = string(d, i);
                boolean plain = nameEnd >= 0;
                nameEnd = plain ? nameEnd : ~nameEnd;
                i = nameEnd;
                if (d[i] != ':') {
                    i = whitespace(d, i);
                    if (d[i] != ':') {
                        throw Unsure.INSTANCE;
                    }
                }
                i++;
                if (d[i] <= ' ') {
                    i = whitespace(d, i);
                }
                if (depth == pathDepth) {
                    if (!plain) {
                        throw Unsure.INSTANCE; // "\u0061mount" is "amount": an escaped name is Jackson's to read
                    }
                    int step = depth - 1;
                    if (named(d, nameStart, nameEnd - 1, fields[step])) {
                        found = ABSENT; // a repeated name: the last one counts, as in a tree
                        if (step + 1 == fields.length) {
                            valueStart = i;
                            valueDepth = depth;
                        } else if (d[i] == '{') {
                            pathDepth = depth + 1;
                        }
                    }
                }
            }
            // At a value.
            byte b = d[i];
            boolean closed = false;
            if (b == '"') { // first: most values are strings
                int end = string(d, i);
                i = end >= 0 ? end : ~end;
            } else if (b == '{' || b == '[') {
                if (depth == MAX_DEPTH) {
                    throw Unsure.INSTANCE;
                }
                long bit = 1L << depth;
                depth++;
                arrays = b == '[' ? arrays | bit : arrays & ~bit;
                i = whitespace(d, i + 1);
                if (d[i] != (b == '{' ? '}' : ']')) {
                    member = b == '{';
                    continue;
                }
                i++;
                closed = true;
            } else if (b == 't') {
                i = literal(d, i, TRUE);
            } else if (b == 'f') {
                i = literal(d, i, FALSE);
            } else if (b == 'n') {
                i = literal(d, i, NULL);
            } else {
                i = number(d, i);
            }
            // After a value, or a container just closed.
            while (true) {
                if (closed) {
                    depth--;
                    if (depth == 0) {
                        return found;
                    }
                    if (pathDepth > depth) {
                        pathDepth = depth;
                    }
                    closed = false;
                }
                if (depth == valueDepth && valueStart >= 0) {
                    found = (long) valueStart << 32 | i;
                    valueStart = -1;
                    if (firstWins) {
                        // Read no further, but what follows the value must end it: Jackson refuses "truex".
                        i = whitespace(d, i);
                        if (d[i] != ',' && d[i] != '}') {
                            throw Unsure.INSTANCE;
                        }
                        return found;
                    }
                }
                if (d[i] <= ' ') {
                    i = whitespace(d, i);
                }
                byte next = d[i++];
                boolean inArray = (arrays & 1L << depth - 1) != 0;
                if (next == ',') {
                    if (d[i] <= ' ') {
                        i = whitespace(d, i);
                    }
                    member = !inArray;
                    break;
                }
                if (next != (inArray ? ']' : '}')) {
                    throw Unsure.INSTANCE;
                }
                closed = true;
            }
        }
    }

    /**
     * At a string's opening quote: where its closing quote ends it, or the complement of that ({@code ~end}) for a
     * string with escapes, whose bytes are not its text. Most of a payload's bytes are inside strings, so they are
     * skipped eight at a time up to the first byte that needs a look ({@link ByteWords#jsonStringStops}).
     */
    private static int string(byte[] d, int quote) {
        int i = quote + 1;
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
            if (b == '"') {
                return plain ? i + 1 : ~(i + 1);
            } else if (b >= 0x20 && b != '\\') {
                i++; // printable ASCII, in the last bytes of the document
            } else if (b == '\\') {
                i = escape(d, i);
                plain = false;
            } else if (b >= 0) {
                throw Unsure.INSTANCE; // a raw control character
            } else {
                i = utf8(d, i, b & 0xFF);
            }
        }
    }

    /** At a backslash: after the escape it starts. */
    private static int escape(byte[] d, int at) {
        switch (d[at + 1]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return at + 2;
            }
            case 'u' -> {
                for (int i = 2; i < 6; i++) {
                    if (Character.digit(d[at + i], 16) < 0) {
                        throw Unsure.INSTANCE;
                    }
                }
                return at + 6;
            }
            default -> throw Unsure.INSTANCE;
        }
    }

    /** After one well-formed UTF-8 sequence (shortest form, no surrogates, at most U+10FFFF), else unsure. */
    private static int utf8(byte[] d, int at, int lead) {
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
            int next = d[at + i] & 0xFF;
            if ((next & 0xC0) != 0x80) {
                throw Unsure.INSTANCE;
            }
            code = code << 6 | next & 0x3F;
        }
        if (code < min || code > 0x10FFFF || code >= 0xD800 && code <= 0xDFFF) {
            throw Unsure.INSTANCE;
        }
        return at + length;
    }

    /** After {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, as RFC 8259 writes a number. */
    private static int number(byte[] d, int start) {
        int at = start;
        if (d[at] == '-') {
            at++;
        }
        if (d[at] == '0') {
            at++;
        } else if (digit(d[at])) {
            at = digits(d, at);
        } else {
            throw Unsure.INSTANCE;
        }
        if (at < d.length && d[at] == '.') {
            at = digits(d, at + 1);
        }
        if (at < d.length && (d[at] == 'e' || d[at] == 'E')) {
            at++;
            if (d[at] == '+' || d[at] == '-') {
                at++;
            }
            at = digits(d, at);
        }
        if (at - start > MAX_NUMBER) {
            throw Unsure.INSTANCE;
        }
        return at;
    }

    /** After one digit at least and as many as follow. */
    private static int digits(byte[] d, int at) {
        if (!digit(d[at])) {
            throw Unsure.INSTANCE;
        }
        int i = at + 1;
        while (i < d.length && digit(d[i])) {
            i++;
        }
        return i;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static int literal(byte[] d, int at, byte[] word) {
        for (int i = 0; i < word.length; i++) {
            if (d[at + i] != word[i]) {
                throw Unsure.INSTANCE;
            }
        }
        return at + word.length;
    }

    /**
     * After the blanks from {@code at}. The walk looks at the next byte before it calls this where a document may
     * have no blanks: compact JSON, as most payloads are, then costs no call (about 5% of a walk, measured).
     */
    private static int whitespace(byte[] d, int at) {
        int i = at;
        while (i < d.length) {
            byte b = d[i];
            if (b > ' ' || b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                break;
            }
            i++;
        }
        return i;
    }

    private static boolean named(byte[] d, int start, int end, byte[] name) {
        if (end - start != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (d[start + i] != name[i]) {
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
