package dev.flowdeck.core.filter;

import dev.flowdeck.core.decode.ByteWords;
import java.util.List;

/**
 * Whether a value's raw bytes contain one of a regular expression's literals ({@link RegexLiterals}), searched in
 * place: most values of a scan contain none, and this answer is all a regex filter needs of them.
 *
 * <p>Each literal is looked for by its rarest byte (its anchor), eight bytes of the value at a time, and compared
 * whole only where the anchor is. A literal of JSON text starts with a quote or a name, bytes found all over a JSON
 * value: anchored there a search stops at every field; anchored on an upper-case letter or rare punctuation it stops
 * a few times a value. Copying the value into a string to use {@link String#indexOf} cost more than the search.
 */
public final class LiteralBytes {

    private final byte[][] literals;
    private final int[] anchors;

    /** @param literals the literals as their UTF-8 bytes, none empty */
    LiteralBytes(List<byte[]> literals) {
        this.literals = literals.toArray(byte[][]::new);
        this.anchors = new int[this.literals.length];
        for (int i = 0; i < this.literals.length; i++) {
            if (this.literals[i].length == 0) {
                throw new IllegalArgumentException("an empty literal is in every value");
            }
            anchors[i] = rarest(this.literals[i]);
        }
    }

    /** Whether {@code text} contains one of the literals. */
    boolean foundIn(byte[] text) {
        for (int i = 0; i < literals.length; i++) {
            if (contains(text, literals[i], anchors[i])) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(byte[] text, byte[] literal, int anchor) {
        byte wanted = literal[anchor];
        long wantedEverywhere = ByteWords.everywhere(wanted);
        int last = text.length - literal.length + anchor; // the last place the anchor can be
        int lastWord = Math.min(last, text.length - Long.BYTES);
        int at = anchor;
        while (at <= lastWord) {
            long found = ByteWords.equalTo(ByteWords.at(text, at), wantedEverywhere);
            if (found == 0) {
                at += Long.BYTES;
            } else {
                at += ByteWords.firstFound(found);
                if (at <= last && startsAt(text, at - anchor, literal)) {
                    return true;
                }
                at++;
            }
        }
        for (; at <= last; at++) { // the last few bytes, one at a time
            if (text[at] == wanted && startsAt(text, at - anchor, literal)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsAt(byte[] text, int from, byte[] literal) {
        for (int i = 0; i < literal.length; i++) {
            if (text[from + i] != literal[i]) {
                return false;
            }
        }
        return true;
    }

    /** The index of the literal's byte least likely in a payload (the first, among equals). */
    static int rarest(byte[] literal) {
        int best = 0;
        for (int i = 1; i < literal.length; i++) {
            if (commonness(literal[i]) < commonness(literal[best])) {
                best = i;
            }
        }
        return best;
    }

    /**
     * How often a byte turns up in JSON and text payloads, roughly: JSON's punctuation, lower-case letters, digits
     * and spaces everywhere; brackets and a few separators often; upper-case letters, other punctuation and bytes
     * of non-ASCII characters seldom.
     */
    private static int commonness(byte b) {
        if (b >= 'a' && b <= 'z' || b >= '0' && b <= '9') {
            return 3;
        }
        return switch (b) {
            case '"', ':', ',', ' ', '-', '.' -> 3;
            case '{', '}', '[', ']', '_', '/', '\n', '\t' -> 2;
            default -> 1;
        };
    }
}
