package dev.flowdeck.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Avro's binary encoding straight to JSON text, following the writer's schema, with no record built in between: a
 * scan reads millions of values. The JSON has the shape {@link AvroWriting} reads back: a record is an object, a
 * union its branch's value, an enum its symbol, bytes and fixed base64, a decimal its number, NaN and the
 * infinities strings.
 *
 * <p>The schema is compiled once into a flat program: an array of op codes, one per value the binary encoding holds,
 * each carrying what does not depend on the value and comes before it (a comma, the field's name with its quotes and
 * colon, a record's opening brace, a {@code null}) as a constant byte run. A record of twenty fields is twenty ops,
 * run by one loop over a switch ({@link JsonWriter#run}); the tree of step objects called through an interface that
 * this replaced cost about 1.6 times as much a record (a call site meeting every kind of step is not inlined). Only
 * arrays, maps, unions and recursive records call the loop again for their part of the program.
 *
 * <p>A scan does not make every value's JSON: it {@link #check checks} each value along the same program without
 * writing anything (the same reads, so the same faults in the same words), and the JSON is made when something
 * needs it ({@link #toJson}). A filter that reads a few fields gets JSON of just those ({@link #fieldsJson}), from
 * a projection of the schema compiled once per set of paths: the fields on the way written, the others read past
 * ({@link #SKIP}), nothing read after the last one wanted (decision 0021).
 *
 * <p>Thread-safe once built; what a read needs (the input position and the output buffer) lives in a
 * {@link JsonWriter} per thread.
 */
final class AvroTranscoder {

    // Op codes. Each is followed in the program by the constant to write before its value (its offset in the pool
    // and its length, often a comma and the field's name), then by its own arguments: one dispatch a field.
    /** {@code CONST offset length}: only the constant (what closes a record, or a body that reads nothing). */
    static final int CONST = 0;
    static final int STRING = 1;
    static final int INT = 2;
    static final int LONG = 3;
    static final int FLOAT = 4;
    static final int DOUBLE = 5;
    static final int BOOLEAN = 6;
    /** {@code ENUM offset length k}: the symbols, quoted, are {@code symbols[k]}. */
    static final int ENUM = 7;
    static final int BYTES = 8;
    /** {@code FIXED offset length size}. */
    static final int FIXED = 9;
    /** {@code DECIMAL_BYTES offset length scale}. */
    static final int DECIMAL_BYTES = 10;
    /** {@code DECIMAL_FIXED offset length size scale}. */
    static final int DECIMAL_FIXED = 11;
    /** {@code ARRAY offset length end}: the item's program follows, up to {@code end}. */
    static final int ARRAY = 12;
    /** {@code MAP offset length end}: the value's program follows, up to {@code end}. */
    static final int MAP = 13;
    /**
     * {@code UNION offset length n end start0 end0 ... start(n-1) end(n-1)}: the branches' programs follow, up to
     * {@code end}.
     */
    static final int UNION = 14;
    /** {@code CALL offset length start end}: a record that contains itself (a tree), whose program is there. */
    static final int CALL = 15;
    /**
     * {@code SKIP offset length end}: a value a projection leaves out, whose program follows up to {@code end}: read
     * past ({@link AvroInput#skip}), nothing written.
     */
    static final int SKIP = 16;

    /** A recursive schema's values nest no deeper than this: JSON deeper than Flowdeck reads is no use anyway. */
    static final int MAX_DEPTH = 500;
    /**
     * Schemas whose JSON nests deeper than this make no projections: a JSON reader refuses a document past its own
     * depth (500), and JSON that leaves the deep part out would then be read where the whole JSON is not.
     */
    static final int MAX_PROJECTED_DEPTH = 200;
    /** Projections kept per schema: one a filter's set of paths, and a scan has one filter. */
    private static final int MAX_PROJECTIONS = 16;

    final int[] code;
    /** Every constant run, one after the other, and 16 bytes more: a short one is copied as two whole words. */
    final byte[] pool;
    final byte[][][] symbols;
    /** Where the main program ends; the programs of recursive records follow it. */
    private final int mainEnd;

    private final Schema schema;
    /** Whether JSON of a few fields can be made of this schema's values for sure: see {@link #fieldsJson}. */
    private final boolean projectable;
    /** Programs writing only some fields, by the field paths they write. */
    private final Map<List<List<String>>, AvroTranscoder> projections = new ConcurrentHashMap<>();

    AvroTranscoder(Schema schema) {
        this(schema, null);
    }

    /** The whole schema's program, or ({@code wanted} not null) a projection's. */
    private AvroTranscoder(Schema schema, FieldTree wanted) {
        var compiler = new Compiler();
        if (wanted == null) {
            compiler.compile(schema);
        } else {
            compiler.project(schema, wanted, true);
        }
        compiler.flush();
        this.mainEnd = compiler.standalones();
        this.code = compiler.program();
        compiler.constants.writeBytes(new byte[16]);
        this.pool = compiler.constants.toByteArray();
        this.symbols = compiler.symbols.toArray(byte[][][]::new);
        this.schema = schema;
        this.projectable = wanted == null && compiler.called.isEmpty() && jsonDepth(schema) <= MAX_PROJECTED_DEPTH;
    }

    /**
     * Checks that {@code bytes[offset, offset + length)} are a value of this schema as {@link #toJson} would find
     * them, without writing JSON: the same reads in the same order ({@link AvroInput#skip}), so it returns where
     * {@code toJson} returns JSON and throws what it throws, with the same words. About a fifth of the cost of
     * writing the JSON: a scan checks every value and makes JSON only of those something reads (decision 0021).
     *
     * @param budget what {@code toJson} will be given
     * @throws Malformed      as {@code toJson} would ({@link LeftOver} included)
     * @throws AvroInput.Unsure the JSON might reach the budget, where {@code toJson} stops: only it can tell
     */
    void check(byte[] bytes, int offset, int length, int budget) throws IOException {
        JsonWriter reader = JsonWriter.forThisThread();
        reader.begin(this, bytes, offset, offset + length);
        reader.boundLimit = budget;
        try {
            try {
                reader.skip(0, mainEnd);
            } catch (Malformed fault) {
                if (reader.bound > budget) {
                    throw new AvroInput.Unsure(); // the writer may have stopped at its budget before this fault
                }
                throw fault;
            }
            if (reader.bound > budget) {
                throw new AvroInput.Unsure();
            }
            if (reader.position() != offset + length) {
                throw new LeftOver(offset + length - reader.position());
            }
        } finally {
            reader.finish();
        }
    }

    /**
     * JSON of only the fields {@code paths} name (each path field names from the root) of a value {@link #check}
     * accepted, as {@link dev.flowdeck.core.decode.DecodedValue.JsonSource#fields} describes it: the records on a
     * path with just the members on it, written as the whole JSON writes them, the value at a path's end whole, and
     * anything a path cannot step into (a map, an array, a number) whole too; every other field read past, and
     * nothing read after the last field asked for. {@code {"amount":991.5}} for {@code $.amount}.
     *
     * @return null where it cannot be made for sure, and the whole JSON is to be read: the schema contains itself
     *         or nests deeper than {@value #MAX_PROJECTED_DEPTH}, or what is left out holds a number of hundreds of
     *         digits or a string of millions of bytes, which a JSON reader might refuse in the whole JSON
     */
    byte[] fieldsJson(List<List<String>> paths, byte[] bytes, int offset, int length) {
        if (!projectable || paths.isEmpty()) {
            return null;
        }
        AvroTranscoder projection = projection(paths);
        JsonWriter writer = JsonWriter.forThisThread();
        writer.start(projection, bytes, offset, offset + length, Integer.MAX_VALUE - 16);
        try {
            writer.run(0, projection.mainEnd);
            return writer.hazard ? null : writer.json();
        } catch (IOException | RuntimeException unexpected) {
            return null; // the value was checked, so this does not happen; if it did, the whole JSON would answer
        } finally {
            writer.finish();
        }
    }

    /** The projection made last, by its paths: a scan's filter asks with the same list every time. */
    private volatile Projection lastProjection;

    private record Projection(List<List<String>> paths, AvroTranscoder program) {
    }

    private AvroTranscoder projection(List<List<String>> paths) {
        Projection last = lastProjection;
        if (last != null && last.paths() == paths) {
            return last.program();
        }
        AvroTranscoder made = projections.get(paths);
        if (made == null) {
            if (projections.size() >= MAX_PROJECTIONS) {
                projections.clear();
            }
            made = projections.computeIfAbsent(List.copyOf(paths),
                    wanted -> new AvroTranscoder(schema, FieldTree.of(wanted)));
        }
        lastProjection = new Projection(paths, made);
        return made;
    }

    /** How deep a (not recursive) schema's JSON nests: records, arrays and maps. */
    private static int jsonDepth(Schema schema) {
        return switch (schema.getType()) {
            case RECORD -> 1 + schema.getFields().stream().mapToInt(field -> jsonDepth(field.schema())).max()
                    .orElse(0);
            case ARRAY -> 1 + jsonDepth(schema.getElementType());
            case MAP -> 1 + jsonDepth(schema.getValueType());
            case UNION -> schema.getTypes().stream().mapToInt(AvroTranscoder::jsonDepth).max().orElse(0);
            default -> 0;
        };
    }

    /** What a projection writes of a record: the fields named here, each with what is wanted inside it. */
    private static final class FieldTree {
        private final Map<String, FieldTree> fields = new LinkedHashMap<>();
        /** A path ends here: the value is written whole, whatever else goes through it. */
        private boolean whole;

        static FieldTree of(List<List<String>> paths) {
            FieldTree root = new FieldTree();
            for (List<String> path : paths) {
                FieldTree at = root;
                for (String name : path) {
                    at = at.fields.computeIfAbsent(name, n -> new FieldTree());
                }
                at.whole = true;
            }
            return root;
        }
    }

    /**
     * The value in {@code bytes[offset, offset + length)} as UTF-8 JSON.
     *
     * @param budget the most JSON bytes to write: a corrupt count (a billion nulls) stops there instead of filling
     *               the heap
     * @throws IOException the bytes are not a value of this schema: they end early, hold a bad length, union or enum
     *                     index or boolean, exceed the budget ({@link Malformed}), or go on after it
     *                     ({@link LeftOver})
     */
    byte[] toJson(byte[] bytes, int offset, int length, int budget) throws IOException {
        JsonWriter writer = JsonWriter.forThisThread();
        writer.start(this, bytes, offset, offset + length, budget);
        try {
            writer.run(0, mainEnd);
            if (writer.position() != offset + length) {
                throw new LeftOver(offset + length - writer.position());
            }
            return writer.json();
        } finally {
            writer.finish();
        }
    }

    /** The value is read, and bytes are left over after it: it was written with another schema. */
    static final class LeftOver extends Malformed {
        LeftOver(int count) {
            super(count + " bytes are left over after the value");
        }
    }

    /** Why bytes are not a value of the schema; no stack trace, as a scan may meet many such records. */
    static class Malformed extends IOException {
        Malformed(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** Turns a schema into the program; constants are merged as long as no op comes between them. */
    private static final class Compiler {
        private final IntList code = new IntList();
        private final ByteArrayOutputStream constants = new ByteArrayOutputStream();
        private final List<byte[][]> symbols = new ArrayList<>();
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        /** Records being compiled: met again inside themselves, they are called instead of inlined. */
        private final Map<Schema, Boolean> open = new IdentityHashMap<>();
        /** Recursive records: where their own program starts (-1 until compiled), and the CALLs to patch. */
        private final Map<Schema, int[]> called = new IdentityHashMap<>();
        private final Map<Schema, IntList> calls = new IdentityHashMap<>();

        int[] program() {
            return code.toArray();
        }

        void flush() {
            if (pending.size() > 0) {
                code.add(CONST);
                code.add(constants.size());
                code.add(pending.size());
                constants.writeBytes(pending.toByteArray());
                pending.reset();
            }
        }

        private void constant(String ascii) {
            pending.writeBytes(ascii.getBytes(StandardCharsets.UTF_8));
        }

        /** An op, with the constant pending before it as its prefix (perhaps none). */
        private void op(int kind, int... arguments) {
            code.add(kind);
            code.add(constants.size());
            code.add(pending.size());
            constants.writeBytes(pending.toByteArray());
            pending.reset();
            for (int argument : arguments) {
                code.add(argument);
            }
        }

        void compile(Schema schema) {
            switch (schema.getType()) {
                case RECORD -> record(schema);
                case NULL -> constant("null"); // nothing to read: part of the constant around it
                case STRING -> op(STRING);
                case INT -> op(INT);
                case LONG -> op(LONG);
                case FLOAT -> op(FLOAT);
                case DOUBLE -> op(DOUBLE);
                case BOOLEAN -> op(BOOLEAN);
                case ENUM -> {
                    byte[][] quoted = schema.getEnumSymbols().stream().map(AvroTranscoder::quoted)
                            .toArray(byte[][]::new);
                    symbols.add(quoted);
                    op(ENUM, symbols.size() - 1);
                }
                case BYTES -> {
                    if (schema.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
                        op(DECIMAL_BYTES, decimal.getScale());
                    } else {
                        op(BYTES);
                    }
                }
                case FIXED -> {
                    if (schema.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
                        op(DECIMAL_FIXED, schema.getFixedSize(), decimal.getScale());
                    } else {
                        op(FIXED, schema.getFixedSize());
                    }
                }
                case ARRAY -> nested(ARRAY, schema.getElementType());
                case MAP -> nested(MAP, schema.getValueType());
                case UNION -> union(schema.getTypes(), this::compile);
            }
        }

        /**
         * A projection's program for {@code schema}: only what {@code wanted} names is written. {@code last}: nothing
         * after this value is wanted, so a record's fields after the last one wanted are not read at all.
         */
        void project(Schema schema, FieldTree wanted, boolean last) {
            if (wanted.whole) {
                compile(schema);
                return;
            }
            switch (schema.getType()) {
                case RECORD -> projectRecord(schema, wanted, last);
                case UNION -> union(schema.getTypes(), branch -> project(branch, wanted, last));
                // A path cannot step into anything else (a map's keys are not fields to Avro): written whole, so
                // a path through it finds here what it finds in the whole JSON.
                default -> compile(schema);
            }
        }

        private void projectRecord(Schema schema, FieldTree wanted, boolean last) {
            List<Schema.Field> fields = schema.getFields();
            int lastWanted = -1;
            for (int i = 0; i < fields.size(); i++) {
                if (wanted.fields.containsKey(fields.get(i).name())) {
                    lastWanted = i;
                }
            }
            pending.write('{');
            boolean first = true;
            int skipping = -1; // where the open SKIP's end goes: fields read past one after the other share one
            for (int i = 0; i < fields.size(); i++) {
                Schema.Field field = fields.get(i);
                FieldTree inside = wanted.fields.get(field.name());
                if (inside != null) {
                    skipping = endSkip(skipping);
                    if (!first) {
                        pending.write(',');
                    }
                    first = false;
                    pending.writeBytes(quoted(field.name()));
                    pending.write(':');
                    project(field.schema(), inside, last && i == lastWanted);
                } else if (last && i > lastWanted) {
                    break; // nothing wanted after it: the value is not read further
                } else {
                    if (skipping < 0) {
                        op(SKIP, -1);
                        skipping = code.size() - 1;
                    }
                    compile(field.schema()); // read past: its program follows, constants and all (a skip counts them)
                }
            }
            endSkip(skipping);
            pending.write('}');
        }

        /** Closes the SKIP whose end is to go at {@code patch} (none if negative): its constants stay inside. */
        private int endSkip(int patch) {
            if (patch >= 0) {
                flush();
                code.set(patch, code.size());
            }
            return -1;
        }

        /** An array's item or a map's value: its program follows the op, which says where it ends. */
        private void nested(int kind, Schema inner) {
            op(kind, -1);
            int patch = code.size() - 1;
            compile(inner);
            flush();
            code.set(patch, code.size());
        }

        private void union(List<Schema> branches, Consumer<Schema> each) {
            op(UNION, branches.size(), -1);
            int endAt = code.size() - 1;
            int table = code.size();
            for (int i = 0; i < branches.size(); i++) {
                code.add(-1);
                code.add(-1);
            }
            for (int i = 0; i < branches.size(); i++) {
                code.set(table + 2 * i, code.size());
                each.accept(branches.get(i));
                flush();
                code.set(table + 2 * i + 1, code.size());
            }
            code.set(endAt, code.size());
        }

        private void record(Schema schema) {
            if (open.containsKey(schema)) {
                op(CALL, -1, -1);
                called.putIfAbsent(schema, new int[] {-1, -1});
                calls.computeIfAbsent(schema, s -> new IntList()).add(code.size() - 2);
                return;
            }
            open.put(schema, Boolean.TRUE);
            pending.write('{');
            List<Schema.Field> fields = schema.getFields();
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    pending.write(',');
                }
                pending.writeBytes(quoted(fields.get(i).name()));
                pending.write(':');
                compile(fields.get(i).schema());
            }
            pending.write('}');
            open.remove(schema);
        }

        /**
         * After the main program: each record that contains itself gets a program of its own (which may find more),
         * and its CALLs are pointed at it.
         *
         * @return where the main program ends
         */
        int standalones() {
            int mainEnd = code.size();
            boolean more = true;
            while (more) {
                more = false;
                for (Schema record : List.copyOf(called.keySet())) { // compiling one may add another
                    int[] range = called.get(record);
                    if (range[0] < 0) {
                        range[0] = code.size();
                        record(record);
                        flush();
                        range[1] = code.size();
                        more = true;
                    }
                }
            }
            calls.forEach((schema, at) -> {
                int[] range = called.get(schema);
                for (int i = 0; i < at.size(); i++) {
                    code.set(at.get(i), range[0]);
                    code.set(at.get(i) + 1, range[1]);
                }
            });
            return mainEnd;
        }
    }

    /** A name or symbol as a JSON string (Avro names need no escapes, but nothing here relies on it). */
    static byte[] quoted(String text) {
        var out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A growing list of ints, for the compiler. */
    private static final class IntList {
        private int[] items = new int[64];
        private int size;

        void add(int item) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = item;
        }

        void set(int at, int item) {
            items[at] = item;
        }

        int get(int at) {
            return items[at];
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return Arrays.copyOf(items, size);
        }
    }

    /** A decimal's unscaled two's-complement bytes as its number: rare, so written the plain way. */
    static String decimal(byte[] bytes, int from, int length, int scale) {
        byte[] unscaled = length == 0 ? new byte[] {0} : Arrays.copyOfRange(bytes, from, from + length);
        return new BigDecimal(new BigInteger(unscaled), scale).toString();
    }
}
