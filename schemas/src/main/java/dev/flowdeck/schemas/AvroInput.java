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

import dev.flowdeck.schemas.AvroTranscoder.Malformed;
import java.io.IOException;

/**
 * One Avro value's bytes being read along an {@link AvroTranscoder}'s program: the binary primitives (zigzag
 * varints, lengths checked against what is left, blocked arrays and maps), and {@link #skip}, which walks values of
 * the program without writing anything. {@link JsonWriter} reads with the same methods while it writes, so a skip
 * finds every fault a reading into JSON finds, at the same byte, in the same words: that is what lets a scan check
 * each value against its schema and leave its JSON to be made only when something needs it (decision 0021).
 *
 * <p>A skip also counts how much JSON the values it passed over could make at most, as the writer asks room for it
 * ({@link #bound}): the writer stops a value whose JSON would exceed its budget (a corrupt count of nulls), and a
 * check must know when it cannot be sure the writer would not have. One per thread, with its writer; not
 * thread-safe.
 */
class AvroInput {

    /** A skipped string, bytes or map key longer than this, or a decimal longer than {@link #HAZARD_DECIMAL}. */
    static final int HAZARD_TEXT = 1_000_000;
    /** Bytes of a decimal's unscaled value that may make more digits than a JSON reader takes in a number (1,000). */
    static final int HAZARD_DECIMAL = 400;

    AvroTranscoder program;
    int[] code;
    byte[] in;
    int position;
    int end;
    int depth;
    /**
     * The most JSON the values skipped so far could make, counted as the writer asks room: each value's own upper
     * bound (a string escaped throughout, a number's 20 digits) and the constants before it, exactly.
     */
    long bound;
    /** Past this {@link #bound} a skip stops at once, {@link Unsure}: only the writer can tell what its budget says. */
    long boundLimit;
    /**
     * Whether a skip passed over something a JSON reader might refuse where the writer's JSON holds it (a number of
     * over a thousand digits, a string of millions of characters): JSON that leaves it out might then be read where
     * the whole JSON would not.
     */
    boolean hazard;

    /** Starts reading {@code value[from, to)} along {@code transcoder}'s program. */
    void begin(AvroTranscoder transcoder, byte[] value, int from, int to) {
        program = transcoder;
        code = transcoder.code;
        in = value;
        position = from;
        end = to;
        depth = 0;
        bound = 0;
        boundLimit = Long.MAX_VALUE;
        hazard = false;
    }

    int position() {
        return position;
    }

    /**
     * Lets go of the value and the schema's program: the reader stays with its thread, and would otherwise keep the
     * last value read (megabytes, maybe) and a schema no topic may use any more.
     */
    void finish() {
        in = null;
        program = null;
        code = null;
    }

    /** The skip was stopped: the writer may have reached its budget on these bytes (or a fault after it). */
    static final class Unsure extends IOException {
        Unsure() {
            super("only the JSON writer can tell", null);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /**
     * Skips one value of the program's part from {@code pc} to {@code stop}, checking it as {@link JsonWriter#run}
     * reads it: the same reads in the same order, so the same {@link Malformed} at the same place. Adds to
     * {@link #bound} what the writer would ask room for, before the read that follows it where the writer asks
     * first (the constant before each value, an array's bracket), so a fault found with the bound within the budget
     * is one the writer finds too, before any budget stops it.
     */
    final void skip(int pc, int stop) throws IOException {
        int[] ops = code;
        while (pc < stop) {
            int kind = ops[pc];
            bound += ops[pc + 2];
            switch (kind) {
                case CONST -> pc += 3;
                case STRING -> {
                    int count = readLength();
                    position += count;
                    bound += 6L * count + 2; // every byte escaped as \\u00XX at most
                    hazard |= count > HAZARD_TEXT;
                    pc += 3;
                }
                case INT -> {
                    readInt();
                    bound += 20;
                    pc += 3;
                }
                case LONG -> {
                    readLong();
                    bound += 20;
                    pc += 3;
                }
                case FLOAT -> {
                    need(4);
                    position += 4;
                    bound += 32; // Double.toString's longest is 24 characters
                    pc += 3;
                }
                case DOUBLE -> {
                    need(8);
                    position += 8;
                    bound += 32;
                    pc += 3;
                }
                case BOOLEAN -> {
                    need(1);
                    byte b = in[position++];
                    if (b != 0 && b != 1) {
                        throw new Malformed("a boolean byte of " + b);
                    }
                    bound += 5;
                    pc += 3;
                }
                case ENUM -> {
                    byte[][] symbols = program.symbols[ops[pc + 3]];
                    int index = readInt();
                    if (index < 0 || index >= symbols.length) {
                        throw new Malformed("enum index " + index + " of " + symbols.length + " symbols");
                    }
                    bound += symbols[index].length;
                    pc += 4;
                }
                case BYTES -> {
                    int count = readLength();
                    position += count;
                    bound += 2 + (count + 2L) / 3 * 4;
                    hazard |= count > HAZARD_TEXT;
                    pc += 3;
                }
                case FIXED -> {
                    int size = ops[pc + 3];
                    need(size);
                    position += size;
                    bound += 2 + (size + 2L) / 3 * 4;
                    hazard |= size > HAZARD_TEXT;
                    pc += 4;
                }
                case DECIMAL_BYTES -> {
                    int count = readLength();
                    position += count;
                    bound += decimalBound(count);
                    hazard |= count > HAZARD_DECIMAL;
                    pc += 4;
                }
                case DECIMAL_FIXED -> {
                    int size = ops[pc + 3];
                    need(size);
                    position += size;
                    bound += decimalBound(size);
                    hazard |= size > HAZARD_DECIMAL;
                    pc += 5;
                }
                case ARRAY -> {
                    int bodyEnd = ops[pc + 3];
                    bound++;
                    for (long n = blockCount(); n != 0; n = blockCount()) {
                        for (long i = 0; i < n; i++) {
                            bound++;
                            if (bound > boundLimit) {
                                throw new Unsure(); // a corrupt count: no need to walk a billion items
                            }
                            skip(pc + 4, bodyEnd);
                        }
                    }
                    bound++;
                    pc = bodyEnd;
                }
                case MAP -> {
                    int bodyEnd = ops[pc + 3];
                    bound++;
                    for (long n = blockCount(); n != 0; n = blockCount()) {
                        for (long i = 0; i < n; i++) {
                            bound++;
                            if (bound > boundLimit) {
                                throw new Unsure();
                            }
                            int count = readLength();
                            position += count;
                            bound += 6L * count + 3;
                            hazard |= count > HAZARD_TEXT;
                            skip(pc + 4, bodyEnd);
                        }
                    }
                    bound++;
                    pc = bodyEnd;
                }
                case UNION -> {
                    int branches = ops[pc + 3];
                    int index = readInt();
                    if (index < 0 || index >= branches) {
                        throw new Malformed("union index " + index + " of " + branches + " branches");
                    }
                    skip(ops[pc + 5 + 2 * index], ops[pc + 6 + 2 * index]);
                    pc = ops[pc + 4];
                }
                case CALL -> {
                    if (++depth > AvroTranscoder.MAX_DEPTH) {
                        throw new Malformed("records nested deeper than " + AvroTranscoder.MAX_DEPTH);
                    }
                    skip(ops[pc + 3], ops[pc + 4]);
                    depth--;
                    pc += 5;
                }
                case SKIP -> {
                    skip(pc + 4, ops[pc + 3]);
                    pc = ops[pc + 3];
                }
                default -> throw new IllegalStateException("op " + kind + " at " + pc);
            }
        }
    }

    /**
     * The longest text {@code BigDecimal.toString} gives for an unscaled value of {@code bytes} bytes: at most
     * 2.41 digits a byte, a sign, a point, up to five zeros after it or an exponent of up to eleven characters.
     */
    private static long decimalBound(int bytes) {
        return 3L * bytes + 24;
    }

    // ---- Avro's primitives

    final long readLong() throws IOException {
        int at = position;
        if (at < end) {
            int first = in[at];
            if (first >= 0) { // one byte: most counts, indexes, lengths and small numbers
                position = at + 1;
                return (first >>> 1) ^ -(first & 1);
            }
            if (at + 1 < end) {
                int second = in[at + 1];
                if (second >= 0) { // two bytes: up to 8191 either way
                    int raw = (first & 0x7F) | second << 7;
                    position = at + 2;
                    return (raw >>> 1) ^ -(raw & 1);
                }
            }
        }
        return readLongSlowly();
    }

    private long readLongSlowly() throws IOException {
        long raw = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= end) {
                throw new Malformed("the value ends inside a number");
            }
            byte b = in[position++];
            raw |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw new Malformed("a number longer than ten bytes");
    }

    final int readInt() throws IOException {
        long value = readLong();
        if (value != (int) value) {
            throw new Malformed("an int out of range: " + value);
        }
        return (int) value;
    }

    /** The length of the bytes or string that follow, checked against what is left. */
    final int readLength() throws IOException {
        long count = readLong();
        if (count < 0 || count > end - position) {
            throw new Malformed("a length of " + count + " with " + (end - position) + " bytes left");
        }
        return (int) count;
    }

    /** An array's or map's next block: its item count, 0 at the end (a negative count carries a byte size). */
    final long blockCount() throws IOException {
        long count = readLong();
        if (count < 0) {
            readLong(); // the block's size in bytes, for skipping: not needed when every item is read
            count = -count;
            if (count < 0) {
                throw new Malformed("a block count of " + Long.MIN_VALUE);
            }
        }
        return count;
    }

    final void need(int count) throws IOException {
        if (count > end - position) {
            throw new Malformed("the value ends " + (count - (end - position)) + " bytes early");
        }
    }
}
