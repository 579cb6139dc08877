package dev.flowdeck.schemas;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Avro's binary encoding straight to JSON text, following the schema, with no record built in between: a scan reads
 * millions of values, and building a {@code GenericRecord} (and its strings) only to write it out again cost most of
 * the time. The schema is compiled once into a tree of steps; each step reads its part from Avro's own
 * {@link AvroInput} and appends JSON to a growing byte buffer. The JSON has {@link AvroJson}'s shape: a record
 * is an object, a union its branch's value, an enum its symbol, bytes and fixed base64, a decimal its number.
 *
 * <p>Thread-safe once built: the per-read state (the buffer) lives in a {@link Out} per thread.
 */
final class AvroTranscoder {

    /** One part of the schema: reads it and writes its JSON. */
    private interface Step {
        void write(AvroInput in, Out out) throws IOException;
    }

    private final Step root;

    AvroTranscoder(Schema schema) {
        this.root = compile(schema, new IdentityHashMap<>());
    }

    /**
     * @param budget the most JSON bytes to write: a corrupt count (a billion nulls) stops there instead of filling
     *               the heap
     */
    byte[] toJson(AvroInput in, int budget) throws IOException {
        Out out = OUT.get();
        out.start(budget);
        root.write(in, out);
        return out.bytes();
    }

    /** A buffer per thread, reused: the filter pool's threads write millions of values. */
    private static final ThreadLocal<Out> OUT = ThreadLocal.withInitial(() -> new Out(Integer.MAX_VALUE));

    private static Step compile(Schema schema, Map<Schema, Step[]> records) {
        return switch (schema.getType()) {
            case RECORD -> record(schema, records);
            case UNION -> {
                List<Step> branches = new ArrayList<>();
                for (Schema branch : schema.getTypes()) {
                    branches.add(compile(branch, records));
                }
                Step[] steps = branches.toArray(Step[]::new);
                yield (in, out) -> {
                    int index = in.readInt();
                    if (index < 0 || index >= steps.length) {
                        throw new IOException("union index " + index + " of " + steps.length + " branches");
                    }
                    steps[index].write(in, out);
                };
            }
            case ARRAY -> {
                Step item = compile(schema.getElementType(), records);
                yield (in, out) -> {
                    out.put((byte) '[');
                    boolean first = true;
                    for (long n = in.blockCount(); n != 0; n = in.blockCount()) {
                        for (long i = 0; i < n; i++) {
                            if (!first) {
                                out.put((byte) ',');
                            }
                            first = false;
                            item.write(in, out);
                        }
                    }
                    out.put((byte) ']');
                };
            }
            case MAP -> {
                Step value = compile(schema.getValueType(), records);
                yield (in, out) -> {
                    out.put((byte) '{');
                    boolean first = true;
                    for (long n = in.blockCount(); n != 0; n = in.blockCount()) {
                        for (long i = 0; i < n; i++) {
                            if (!first) {
                                out.put((byte) ',');
                            }
                            first = false;
                            out.string(in);
                            out.put((byte) ':');
                            value.write(in, out);
                        }
                    }
                    out.put((byte) '}');
                };
            }
            case ENUM -> {
                byte[][] symbols = schema.getEnumSymbols().stream().map(AvroTranscoder::quoted).toArray(byte[][]::new);
                yield (in, out) -> {
                    int index = in.readInt();
                    if (index < 0 || index >= symbols.length) {
                        throw new IOException("enum index " + index + " of " + symbols.length + " symbols");
                    }
                    out.put(symbols[index]);
                };
            }
            case FIXED -> {
                int size = schema.getFixedSize();
                LogicalTypes.Decimal decimal = schema.getLogicalType() instanceof LogicalTypes.Decimal d ? d : null;
                yield (in, out) -> {
                    int start = in.skip(size);
                    out.binary(Arrays.copyOfRange(in.bytes(), start, start + size), decimal);
                };
            }
            case BYTES -> {
                LogicalTypes.Decimal decimal = schema.getLogicalType() instanceof LogicalTypes.Decimal d ? d : null;
                yield (in, out) -> {
                    int length = in.readLength();
                    int start = in.skip(length);
                    out.binary(Arrays.copyOfRange(in.bytes(), start, start + length), decimal);
                };
            }
            case STRING -> (in, out) -> out.string(in);
            case INT -> (in, out) -> out.number(in.readInt());
            case LONG -> (in, out) -> out.number(in.readLong());
            case FLOAT -> (in, out) -> out.decimal(in.readFloat());
            case DOUBLE -> (in, out) -> out.decimal(in.readDouble());
            case BOOLEAN -> (in, out) -> out.put(in.readBoolean() ? TRUE : FALSE);
            case NULL -> (in, out) -> out.put(NULL);
        };
    }

    /** A record's steps are made once per schema, so a recursive schema (a tree of nodes) compiles. */
    private static Step record(Schema schema, Map<Schema, Step[]> records) {
        Step[] holder = records.get(schema);
        if (holder == null) {
            holder = new Step[1];
            records.put(schema, holder);
            List<Schema.Field> fields = schema.getFields();
            byte[][] names = new byte[fields.size()][];
            Step[] steps = new Step[fields.size()];
            for (int i = 0; i < fields.size(); i++) {
                byte[] name = quoted(fields.get(i).name());
                names[i] = Arrays.copyOf(name, name.length + 1);
                names[i][name.length] = ':';
                steps[i] = compile(fields.get(i).schema(), records);
            }
            holder[0] = (in, out) -> {
                out.put((byte) '{');
                for (int i = 0; i < steps.length; i++) {
                    if (i > 0) {
                        out.put((byte) ',');
                    }
                    out.put(names[i]);
                    steps[i].write(in, out);
                }
                out.put((byte) '}');
            };
        }
        Step[] resolved = holder;
        return (in, out) -> resolved[0].write(in, out);
    }

    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private static byte[] quoted(String text) {
        Out out = new Out(Integer.MAX_VALUE);
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        try {
            out.string(utf8, utf8.length);
        } catch (IOException cannotHappen) { // no budget to exceed
            throw new IllegalStateException(cannotHappen);
        }
        return out.bytes();
    }

    /** The JSON being written: a byte buffer that grows, up to a budget. */
    private static final class Out {
        private int budget;
        private byte[] buffer = new byte[1024];
        private int length;

        Out(int budget) {
            this.budget = budget;
        }

        void start(int limit) {
            budget = limit;
            length = 0;
            if (buffer.length > 1024 * 1024) {
                buffer = new byte[1024]; // one huge value does not stay held by the thread
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(buffer, length);
        }

        private void room(int more) throws IOException {
            int needed = length + more;
            if (needed > budget) {
                throw new IOException("the JSON would exceed " + budget + " bytes (a corrupt count?)");
            }
            if (needed > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
            }
        }

        void put(byte b) throws IOException {
            room(1);
            buffer[length++] = b;
        }

        void put(byte[] bytes) throws IOException {
            room(bytes.length);
            System.arraycopy(bytes, 0, buffer, length, bytes.length);
            length += bytes.length;
        }

        void ascii(String text) throws IOException {
            room(text.length());
            for (int i = 0; i < text.length(); i++) {
                buffer[length++] = (byte) text.charAt(i);
            }
        }

        void number(long value) throws IOException {
            ascii(Long.toString(value));
        }

        void decimal(double value) throws IOException {
            if (Double.isFinite(value)) {
                ascii(Double.toString(value)); // 1.0E10 is a JSON number too
            } else {
                put((byte) '"');
                ascii(Double.toString(value));
                put((byte) '"');
            }
        }

        /** An Avro string (its length, then UTF-8) as a JSON string, copied once from the value. */
        void string(AvroInput in) throws IOException {
            int count = in.readLength();
            string(in.bytes(), in.skip(count), count);
        }

        void string(byte[] utf8, int count) throws IOException {
            string(utf8, 0, count);
        }

        /** UTF-8 text as a JSON string: quotes, backslashes and control characters escaped, the rest copied. */
        void string(byte[] utf8, int from, int count) throws IOException {
            room(count + 2);
            buffer[length++] = '"';
            for (int i = 0; i < count; i++) {
                byte b = utf8[from + i];
                if (b == '"' || b == '\\') {
                    room(2 + count - i);
                    buffer[length++] = '\\';
                    buffer[length++] = b;
                } else if (b >= 0 && b < 0x20) {
                    room(6 + count - i);
                    buffer[length++] = '\\';
                    buffer[length++] = 'u';
                    buffer[length++] = '0';
                    buffer[length++] = '0';
                    buffer[length++] = HEX[b >> 4];
                    buffer[length++] = HEX[b & 0xF];
                } else {
                    buffer[length++] = b;
                }
            }
            room(1);
            buffer[length++] = '"';
        }

        void binary(byte[] bytes, LogicalTypes.Decimal decimal) throws IOException {
            if (decimal != null) {
                ascii(new BigDecimal(new BigInteger(bytes.length == 0 ? new byte[] {0} : bytes), decimal.getScale())
                        .toString());
                return;
            }
            put((byte) '"');
            ascii(Base64.getEncoder().encodeToString(bytes));
            put((byte) '"');
        }
    }
}
