package dev.flowdeck.schemas;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.util.Utf8;

/**
 * Avro's binary encoding straight to JSON text, following the schema, with no record built in between: a scan reads
 * millions of values, and building a {@code GenericRecord} (and its strings) only to write it out again cost most of
 * the time. The schema is compiled once into a tree of steps; each step reads its part from Avro's own
 * {@link BinaryDecoder} and appends JSON to a growing byte buffer. The JSON has {@link AvroJson}'s shape: a record
 * is an object, a union its branch's value, an enum its symbol, bytes and fixed base64, a decimal its number.
 *
 * <p>Thread-safe once built: the per-read state (buffer, string holder) lives in a {@link Out} per call.
 */
final class AvroTranscoder {

    /** One part of the schema: reads it and writes its JSON. */
    private interface Step {
        void write(BinaryDecoder in, Out out) throws IOException;
    }

    private final Step root;

    AvroTranscoder(Schema schema) {
        this.root = compile(schema, new IdentityHashMap<>());
    }

    /**
     * @param budget the most JSON bytes to write: a corrupt count (a billion nulls) stops there instead of filling
     *               the heap
     */
    byte[] toJson(BinaryDecoder in, int budget) throws IOException {
        Out out = new Out(budget);
        root.write(in, out);
        return out.bytes();
    }

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
                    int index = in.readIndex();
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
                    for (long n = in.readArrayStart(); n != 0; n = in.arrayNext()) {
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
                    for (long n = in.readMapStart(); n != 0; n = in.mapNext()) {
                        for (long i = 0; i < n; i++) {
                            if (!first) {
                                out.put((byte) ',');
                            }
                            first = false;
                            out.string(in.readString(out.text));
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
                    int index = in.readEnum();
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
                    byte[] bytes = new byte[size];
                    in.readFixed(bytes);
                    out.binary(bytes, decimal);
                };
            }
            case BYTES -> {
                LogicalTypes.Decimal decimal = schema.getLogicalType() instanceof LogicalTypes.Decimal d ? d : null;
                yield (in, out) -> {
                    ByteBuffer buffer = in.readBytes(null);
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    out.binary(bytes, decimal);
                };
            }
            case STRING -> (in, out) -> out.string(in.readString(out.text));
            case INT -> (in, out) -> out.number(in.readInt());
            case LONG -> (in, out) -> out.number(in.readLong());
            case FLOAT -> (in, out) -> out.decimal(in.readFloat());
            case DOUBLE -> (in, out) -> out.decimal(in.readDouble());
            case BOOLEAN -> (in, out) -> out.put(in.readBoolean() ? TRUE : FALSE);
            case NULL -> (in, out) -> {
                in.readNull();
                out.put(NULL);
            };
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
        private final int budget;
        private byte[] buffer = new byte[512];
        private int length;
        /** Avro reuses this for every string it reads here: no String is made. */
        final Utf8 text = new Utf8();

        Out(int budget) {
            this.budget = budget;
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

        /** UTF-8 text as a JSON string: quotes, backslashes and control characters escaped, the rest copied. */
        void string(Utf8 text) throws IOException {
            string(text.getBytes(), text.getByteLength());
        }

        void string(byte[] utf8, int count) throws IOException {
            room(count + 2);
            buffer[length++] = '"';
            for (int i = 0; i < count; i++) {
                byte b = utf8[i];
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
