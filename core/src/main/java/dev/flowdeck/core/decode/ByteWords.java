package dev.flowdeck.core.decode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes of a value read and tested at once, as one {@code long}: how a filter skips a string of a JSON
 * document, a regex literal is sought in a value and the Avro reader copies a string into JSON, where going byte by
 * byte cost most of the time. A word is read little-endian, so its first byte is its lowest; a test sets the high
 * bit of each byte it finds. Where a test subtracts, a borrow runs only upward from a byte it finds, so it may set a
 * bit wrongly above the first byte found, never below it: the lowest bit set is exact ({@link #firstFound}).
 */
public final class ByteWords {

    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long QUOTES = '"' * ONES;
    private static final long BACKSLASHES = '\\' * ONES;
    private static final long SPACES = ' ' * ONES;

    private ByteWords() {
    }

    /** The eight bytes of {@code bytes} from {@code at} (at most {@code bytes.length - 8}). */
    public static long at(byte[] bytes, int at) {
        return (long) WORDS.get(bytes, at);
    }

    /** {@code b} in each of the eight bytes: what {@link #equalTo} compares a word with. */
    public static long everywhere(byte b) {
        return (b & 0xFFL) * ONES;
    }

    /** The bytes of {@code word} equal to the byte {@code everywhere} repeats. */
    public static long equalTo(long word, long everywhere) {
        long differences = word ^ everywhere;
        return (differences - ONES) & ~differences & HIGH_BITS;
    }

    /**
     * The bytes of {@code word} a JSON string cannot simply pass over: a quote, a backslash, a control character,
     * or a byte of a multi-byte UTF-8 sequence (which needs checking).
     */
    public static long jsonStringStops(long word) {
        long quotes = word ^ QUOTES;
        long backslashes = word ^ BACKSLASHES;
        return ((quotes - ONES) & ~quotes | (backslashes - ONES) & ~backslashes | (word - SPACES) & ~word | word)
                & HIGH_BITS;
    }

    /** Where in the word the first byte a test found is (0 to 7); {@code found} must not be 0. */
    public static int firstFound(long found) {
        return Long.numberOfTrailingZeros(found) >>> 3;
    }
}
