package dev.flowdeck.schemas;

import static dev.flowdeck.schemas.AvroTranscoder.ARRAY;
import static dev.flowdeck.schemas.AvroTranscoder.BOOLEAN;
import static dev.flowdeck.schemas.AvroTranscoder.BYTES;
import static dev.flowdeck.schemas.AvroTranscoder.CALL;
import static dev.flowdeck.schemas.AvroTranscoder.CONST;
import static dev.flowdeck.schemas.AvroTranscoder.DECIMAL_BYTES;
import static dev.flowdeck.schemas.AvroTranscoder.DECIMAL_FIXED;
import static dev.flowdeck.schemas.AvroTranscoder.DOUBLE;
import static dev.flowdeck.schemas.AvroTranscoder.ENUM;
import static dev.flowdeck.schemas.AvroTranscoder.FIXED;
import static dev.flowdeck.schemas.AvroTranscoder.FLOAT;
import static dev.flowdeck.schemas.AvroTranscoder.INT;
import static dev.flowdeck.schemas.AvroTranscoder.LONG;
import static dev.flowdeck.schemas.AvroTranscoder.MAP;
import static dev.flowdeck.schemas.AvroTranscoder.SKIP;
import static dev.flowdeck.schemas.AvroTranscoder.STRING;
import static dev.flowdeck.schemas.AvroTranscoder.UNION;

import dev.flowdeck.core.decode.ByteWords;
import dev.flowdeck.schemas.AvroTranscoder.Malformed;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Runs an {@link AvroTranscoder}'s program over one value: reads Avro's binary primitives (zigzag varints,
 * little-endian IEEE floats, length-prefixed bytes, blocked arrays and maps; {@link AvroInput}, whose skip a
 * projection's unwanted fields go through) from the value's bytes and writes JSON
 * into one growing buffer, reused by its thread for every value. Strings go from the value to the buffer eight
 * bytes at a time while none needs escaping, integers and amounts are written digit by digit: for those nothing is
 * allocated but the JSON's own copy at the end (a decimal logical type, a double with many digits or a string that
 * is not well-formed UTF-8 takes a {@code String} on the way).
 *
 * <p>One per thread ({@link #forThisThread}); not thread-safe.
 */
final class JsonWriter extends AvroInput {

    private static final ThreadLocal<JsonWriter> WRITERS = ThreadLocal.withInitial(JsonWriter::new);
    /** A buffer larger than this after a huge value is dropped, so it does not stay held by the thread. */
    private static final int KEPT = 1024 * 1024;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);

    private static final byte[] TRUE = bytesOf("true");
    private static final byte[] FALSE = bytesOf("false");
    private static final byte[] HEX = bytesOf("0123456789abcdef");
    private static final byte[] BASE64 = bytesOf("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
    private static final double[] TENS = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};
    /** Below this, every long a double is scaled to is exact. */
    private static final double EXACT = 0x1p53;

    private byte[] out = new byte[1024];
    private int length;
    /** The most JSON bytes to write, and what the buffer holds without a check for it: the smaller of the two. */
    private int budget;
    private int limit;

    static JsonWriter forThisThread() {
        return WRITERS.get();
    }

    void start(AvroTranscoder transcoder, byte[] value, int from, int to, int maxJson) {
        begin(transcoder, value, from, to);
        length = 0;
        budget = maxJson;
        if (out.length > KEPT) {
            out = new byte[1024];
        }
        limit = Math.min(out.length, budget);
    }

    /** The JSON written, in an array of its own (the buffer is the thread's). */
    byte[] json() {
        return Arrays.copyOf(out, length);
    }

    /** Runs the program from {@code pc} to {@code stop}: one value of the schema's part there. */
    void run(int pc, int stop) throws IOException {
        int[] ops = code;
        while (pc < stop) {
            int kind = ops[pc];
            int prefix = ops[pc + 2];
            if (prefix != 0) {
                constant(ops[pc + 1], prefix);
            }
            switch (kind) {
                case CONST -> pc += 3;
                case STRING -> {
                    int count = readLength();
                    int from = position;
                    position += count;
                    if (!plainString(from, count)) {
                        string(in, from, count, true);
                    }
                    pc += 3;
                }
                case INT -> {
                    number(readInt());
                    pc += 3;
                }
                case LONG -> {
                    number(readLong());
                    pc += 3;
                }
                case FLOAT -> {
                    need(4);
                    float value = Float.intBitsToFloat((int) INTS.get(in, position));
                    position += 4;
                    decimal(value);
                    pc += 3;
                }
                case DOUBLE -> {
                    need(8);
                    double value = Double.longBitsToDouble((long) LONGS.get(in, position));
                    position += 8;
                    decimal(value);
                    pc += 3;
                }
                case BOOLEAN -> {
                    need(1);
                    byte b = in[position++];
                    if (b != 0 && b != 1) {
                        throw new Malformed("a boolean byte of " + b);
                    }
                    room(5);
                    byte[] word = b == 1 ? TRUE : FALSE;
                    for (byte letter : word) {
                        out[length++] = letter;
                    }
                    pc += 3;
                }
                case ENUM -> {
                    byte[][] symbols = program.symbols[ops[pc + 3]];
                    int index = readInt();
                    if (index < 0 || index >= symbols.length) {
                        throw new Malformed("enum index " + index + " of " + symbols.length + " symbols");
                    }
                    put(symbols[index]);
                    pc += 4;
                }
                case BYTES -> {
                    int count = readLength();
                    base64(count);
                    pc += 3;
                }
                case FIXED -> {
                    base64(ops[pc + 3]);
                    pc += 4;
                }
                case DECIMAL_BYTES -> {
                    int count = readLength();
                    ascii(AvroTranscoder.decimal(in, position, count, ops[pc + 3]));
                    position += count;
                    pc += 4;
                }
                case DECIMAL_FIXED -> {
                    int size = ops[pc + 3];
                    need(size);
                    ascii(AvroTranscoder.decimal(in, position, size, ops[pc + 4]));
                    position += size;
                    pc += 5;
                }
                case ARRAY -> {
                    int bodyEnd = ops[pc + 3];
                    put((byte) '[');
                    boolean first = true;
                    for (long n = blockCount(); n != 0; n = blockCount()) {
                        for (long i = 0; i < n; i++) {
                            if (!first) {
                                put((byte) ',');
                            }
                            first = false;
                            run(pc + 4, bodyEnd);
                        }
                    }
                    put((byte) ']');
                    pc = bodyEnd;
                }
                case MAP -> {
                    int bodyEnd = ops[pc + 3];
                    put((byte) '{');
                    boolean first = true;
                    for (long n = blockCount(); n != 0; n = blockCount()) {
                        for (long i = 0; i < n; i++) {
                            if (!first) {
                                put((byte) ',');
                            }
                            first = false;
                            int count = readLength();
                            int from = position;
                            position += count;
                            string(in, from, count, true);
                            put((byte) ':');
                            run(pc + 4, bodyEnd);
                        }
                    }
                    put((byte) '}');
                    pc = bodyEnd;
                }
                case UNION -> {
                    int branches = ops[pc + 3];
                    int index = readInt();
                    if (index < 0 || index >= branches) {
                        throw new Malformed("union index " + index + " of " + branches + " branches");
                    }
                    run(ops[pc + 5 + 2 * index], ops[pc + 6 + 2 * index]);
                    pc = ops[pc + 4];
                }
                case CALL -> {
                    if (++depth > AvroTranscoder.MAX_DEPTH) {
                        throw new Malformed("records nested deeper than " + AvroTranscoder.MAX_DEPTH);
                    }
                    run(ops[pc + 3], ops[pc + 4]);
                    depth--;
                    pc += 5;
                }
                case SKIP -> { // a projection's field nobody asked for: read past, nothing written
                    int bodyEnd = ops[pc + 3];
                    skip(pc + 4, bodyEnd);
                    pc = bodyEnd;
                }
                default -> throw new IllegalStateException("op " + kind + " at " + pc);
            }
        }
    }

    // ---- writing JSON

    private void room(int more) throws IOException {
        if (more > limit - length) {
            grow(more);
        }
    }

    private void grow(int more) throws IOException {
        long needed = (long) length + more;
        if (needed > budget) {
            throw new Malformed("the JSON would exceed " + budget + " bytes (a corrupt count?)");
        }
        if (needed > out.length) {
            out = Arrays.copyOf(out, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(needed, 2L * out.length)));
        }
        limit = Math.min(out.length, budget);
    }

    private void put(byte b) throws IOException {
        room(1);
        out[length++] = b;
    }

    private void put(byte[] bytes) throws IOException {
        room(bytes.length);
        System.arraycopy(bytes, 0, out, length, bytes.length);
        length += bytes.length;
    }

    /**
     * A constant run of the program: braces, commas, field names. Most are a field's comma and name, at most 16
     * bytes: two words copied whatever the length (the pool has room after each), cheaper than an
     * {@code arraycopy}'s set-up for a dozen bytes.
     */
    private void constant(int offset, int count) throws IOException {
        room(count);
        byte[] dst = out;
        int at = length;
        if (count <= 16 && at <= dst.length - 16) {
            byte[] pool = program.pool;
            LONGS.set(dst, at, (long) LONGS.get(pool, offset));
            LONGS.set(dst, at + 8, (long) LONGS.get(pool, offset + 8));
        } else {
            System.arraycopy(program.pool, offset, dst, at, count);
        }
        length = at + count;
    }

    private void ascii(String text) throws IOException {
        room(text.length());
        for (int i = 0; i < text.length(); i++) {
            out[length++] = (byte) text.charAt(i);
        }
    }

    /** Digit by digit into the buffer: {@code Long.toString} made a string per number. */
    private void number(long value) throws IOException {
        room(20);
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                ascii("-9223372036854775808");
                return;
            }
            out[length++] = '-';
            value = -value;
        }
        int at = length + digits(value);
        length = at;
        do {
            long next = value / 10;
            out[--at] = (byte) ('0' + (value - next * 10));
            value = next;
        } while (value != 0);
    }

    private static int digits(long positive) {
        int count = 1;
        for (long bound = 10; count < 19 && positive >= bound; bound *= 10) {
            count++;
        }
        return count;
    }

    /**
     * A double as a JSON number that reads back as the same double; NaN and the infinities, which JSON has no
     * number for, as strings. Most doubles in messages are amounts with a few decimals: those are written as the
     * fewest decimals that read back exactly (found with a multiplication and a division, no string); the others as
     * {@link Double#toString} writes them.
     */
    private void decimal(double value) throws IOException {
        if (!Double.isFinite(value)) {
            put((byte) '"');
            ascii(Double.toString(value));
            put((byte) '"');
            return;
        }
        if (!fewDecimals(value)) {
            ascii(Double.toString(value)); // 1.0E10 is a JSON number too
        }
    }

    /**
     * Writes {@code value} as {@code m / 10^k} for the smallest {@code k} from 1 to 6 that gives it back exactly, if
     * any. Exact because {@code m} and {@code 10^k} are both doubles without rounding, so their quotient is the
     * double nearest to the decimal {@code m / 10^k}, which is what reading that decimal gives; at least one
     * decimal, so it reads as a double, not an int.
     */
    private boolean fewDecimals(double value) throws IOException {
        if (value == 0) {
            ascii(Double.doubleToRawLongBits(value) < 0 ? "-0.0" : "0.0");
            return true;
        }
        double magnitude = Math.abs(value);
        if (magnitude < 1e-6) {
            return false;
        }
        // Two decimals first (amounts): when they give it back and the second is a zero, so does one decimal.
        for (int k = 2; k < TENS.length; k++) {
            double scaled = magnitude * TENS[k];
            if (scaled >= EXACT) {
                return false;
            }
            long m = (long) (scaled + 0.5);
            if (m / TENS[k] == magnitude) {
                if (k == 2 && m % 10 == 0) {
                    fixed(value < 0, m / 10, 1);
                } else {
                    fixed(value < 0, m, k);
                }
                return true;
            }
        }
        return false;
    }

    /** {@code m} with a decimal point {@code k} digits from its right: 5, 2 is {@code 0.05}. */
    private void fixed(boolean negative, long m, int k) throws IOException {
        int whole = Math.max(1, digits(m) - k);
        room(whole + k + 2);
        if (negative) {
            out[length++] = '-';
        }
        int at = length + whole + 1 + k;
        length = at;
        for (int i = 0; i < k; i++) {
            long next = m / 10;
            out[--at] = (byte) ('0' + (m - next * 10));
            m = next;
        }
        out[--at] = '.';
        do {
            long next = m / 10;
            out[--at] = (byte) ('0' + (m - next * 10));
            m = next;
        } while (m != 0);
    }

    private void decimal(float value) throws IOException {
        decimal((double) value); // as Avro's reader gives it to JSON: the float's exact double
    }

    /** Bytes or a fixed as a base64 JSON string, encoded straight from the value. */
    private void base64(int count) throws IOException {
        need(count);
        room(2 + (count + 2) / 3 * 4);
        byte[] src = in;
        byte[] dst = out;
        int from = position;
        int at = length;
        dst[at++] = '"';
        int whole = from + count / 3 * 3;
        int i = from;
        for (; i < whole; i += 3) {
            int bits = (src[i] & 0xFF) << 16 | (src[i + 1] & 0xFF) << 8 | (src[i + 2] & 0xFF);
            dst[at++] = BASE64[bits >>> 18];
            dst[at++] = BASE64[(bits >>> 12) & 0x3F];
            dst[at++] = BASE64[(bits >>> 6) & 0x3F];
            dst[at++] = BASE64[bits & 0x3F];
        }
        int rest = from + count - i;
        if (rest > 0) {
            int bits = (src[i] & 0xFF) << 16 | (rest == 2 ? (src[i + 1] & 0xFF) << 8 : 0);
            dst[at++] = BASE64[bits >>> 18];
            dst[at++] = BASE64[(bits >>> 12) & 0x3F];
            dst[at++] = rest == 2 ? BASE64[(bits >>> 6) & 0x3F] : (byte) '=';
            dst[at++] = '=';
        }
        dst[at++] = '"';
        length = at;
        position = from + count;
    }

    /**
     * The common case of {@link #string}, small enough to be compiled into the loop of {@link #run}: a string of
     * plain ASCII that needs no escape, copied a word at a time with its quotes. False, having written nothing,
     * for anything else (a byte to escape or above ASCII, too near the end of either array), which
     * {@link #string} then writes.
     */
    private boolean plainString(int from, int count) {
        int words = (count + 7) >>> 3;
        byte[] src = in;
        byte[] dst = out;
        int at = length;
        if (from > src.length - (words << 3) || at > dst.length - 2 - (words << 3) || count + 2 > budget - at) {
            return false;
        }
        long flags = 0;
        for (int w = 0; w < words - 1; w++) {
            long word = (long) LONGS.get(src, from + (w << 3));
            LONGS.set(dst, at + 1 + (w << 3), word);
            flags |= ByteWords.jsonStringStops(word);
        }
        if (words > 0) {
            int last = (words - 1) << 3;
            long word = (long) LONGS.get(src, from + last);
            LONGS.set(dst, at + 1 + last, word);
            int bits = (count - last) << 3; // 8 to 64: the bytes of the last word that belong to the string
            flags |= ByteWords.jsonStringStops(word) & (bits == 64 ? -1L : (1L << bits) - 1);
        }
        if (flags != 0) {
            return false;
        }
        dst[at] = '"';
        dst[at + 1 + count] = '"';
        length = at + count + 2;
        return true;
    }

    /**
     * UTF-8 text as a JSON string: quotes, backslashes and control characters escaped, the rest copied. Copied a
     * word of eight bytes at a time: each word is written out whole and one test over it ({@link ByteWords#jsonStringStops}) says
     * how many of its bytes were plain ASCII that needs no escape, so the copy moves on by that many (eight, mostly)
     * and stops at the first byte that needs a look. Multi-byte characters are checked as they are copied. Text
     * that is not well-formed UTF-8 (a writer may put any bytes in an Avro string) is written as Avro's reader gives
     * it: each malformed sequence as U+FFFD, as Java decodes it.
     *
     * <p>A word may reach past the string (into the value's next bytes) and its copy past what is written so far;
     * only whole words inside both arrays are taken, the bytes past the string are not counted, and what is written
     * past the end is overwritten or left out of the JSON.
     */
    private void string(byte[] src, int from, int count, boolean mayBeMalformed) throws IOException {
        room(count + 2);
        int start = length;
        byte[] dst = out;
        int at = length;
        dst[at++] = '"';
        int i = from;
        int stop = from + count;
        while (i < stop) {
            int plain;
            if (i <= src.length - 8 && at <= dst.length - 8) {
                long word = (long) LONGS.get(src, i);
                LONGS.set(dst, at, word);
                long flags = ByteWords.jsonStringStops(word);
                int rest = stop - i;
                if (rest < 8) { // the bytes past the string do not count; the string's end stops the copy
                    int bits = rest << 3;
                    flags = (flags & ((1L << bits) - 1)) | (0x80L << bits);
                }
                plain = flags == 0 ? 8 : ByteWords.firstFound(flags);
            } else { // near the end of either array: byte by byte
                plain = 0;
                int most = Math.min(8, stop - i);
                byte b;
                while (plain < most && (b = src[i + plain]) >= 0x20 && b != '"' && b != '\\') {
                    dst[at + plain] = b;
                    plain++;
                }
            }
            i += plain;
            at += plain;
            if (i >= stop) {
                break;
            }
            byte b = src[i];
            if (b >= 0x20 && b != '"' && b != '\\') {
                continue; // eight plain bytes: the next word
            }
            if (b < 0) {
                int size = utf8Size(src, i, stop);
                if (size == 0) {
                    if (!mayBeMalformed) {
                        throw new IllegalStateException("Java's UTF-8 encoder wrote malformed UTF-8");
                    }
                    length = start;
                    byte[] repaired = new String(src, from, count, StandardCharsets.UTF_8)
                            .getBytes(StandardCharsets.UTF_8);
                    string(repaired, 0, repaired.length, false);
                    return;
                }
                for (int n = 0; n < size; n++) {
                    dst[at++] = src[i++];
                }
                continue;
            }
            // An escape takes up to 6 bytes for 1: room for it and for the rest as it is.
            length = at;
            room(6 + stop - i);
            dst = out;
            dst[at++] = '\\';
            switch (b) {
                case '"', '\\' -> dst[at++] = b;
                case '\n' -> dst[at++] = 'n';
                case '\r' -> dst[at++] = 'r';
                case '\t' -> dst[at++] = 't';
                case '\b' -> dst[at++] = 'b';
                case '\f' -> dst[at++] = 'f';
                default -> {
                    dst[at++] = 'u';
                    dst[at++] = '0';
                    dst[at++] = '0';
                    dst[at++] = HEX[b >> 4];
                    dst[at++] = HEX[b & 0xF];
                }
            }
            i++;
        }
        dst[at++] = '"';
        length = at;
    }

    /**
     * The size of the well-formed UTF-8 sequence at {@code i} (2 to 4 bytes), or 0 where Java's decoder sees a
     * malformed one: a stray continuation byte, an overlong form, a surrogate, beyond U+10FFFF, cut short.
     */
    private static int utf8Size(byte[] src, int i, int stop) {
        int lead = src[i] & 0xFF;
        if (lead < 0xC2) {
            return 0;
        }
        if (lead < 0xE0) {
            return i + 1 < stop && continuation(src[i + 1]) ? 2 : 0;
        }
        if (lead < 0xF0) {
            if (i + 2 >= stop || !continuation(src[i + 1]) || !continuation(src[i + 2])) {
                return 0;
            }
            int second = src[i + 1] & 0xFF;
            return lead == 0xE0 && second < 0xA0 || lead == 0xED && second >= 0xA0 ? 0 : 3;
        }
        if (lead < 0xF5) {
            if (i + 3 >= stop || !continuation(src[i + 1]) || !continuation(src[i + 2])
                    || !continuation(src[i + 3])) {
                return 0;
            }
            int second = src[i + 1] & 0xFF;
            return lead == 0xF0 && second < 0x90 || lead == 0xF4 && second >= 0x90 ? 0 : 4;
        }
        return 0;
    }

    private static boolean continuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    private static byte[] bytesOf(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
