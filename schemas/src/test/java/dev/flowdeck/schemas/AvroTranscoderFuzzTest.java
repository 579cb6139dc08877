package dev.flowdeck.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.core.fuzz.Fuzz;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

/**
 * The transcoder against an oracle: random records of a schema with every Avro type, written by Avro's
 * GenericDatumWriter, read back by its GenericDatumReader and turned into a JSON tree the plain way; the
 * transcoder's JSON must parse to the same tree. And its JSON written back as Avro must give the same bytes. Then
 * the same over random schemas (nested records, unions with and without null, enums, fixed, bytes, arrays, maps,
 * logical types) and random values (strings that need escapes, are not ASCII or not even well-formed UTF-8; NaN,
 * the infinities, negative zero and short decimals), a recursive schema, and values cut short, with bytes left
 * over, or of random bytes: a sentence for that record, never another exception.
 */
class AvroTranscoderFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static final Schema EVERYTHING = new Schema.Parser().parse("""
            {"type":"record","name":"Everything","fields":[
              {"name":"s","type":"string"},{"name":"i","type":"int"},{"name":"l","type":"long"},
              {"name":"f","type":"float"},{"name":"d","type":"double"},{"name":"b","type":"boolean"},
              {"name":"n","type":"null"},{"name":"raw","type":"bytes"},
              {"name":"fx","type":{"type":"fixed","name":"Four","size":4}},
              {"name":"e","type":{"type":"enum","name":"Colour","symbols":["RED","GREEN","BLUE"]}},
              {"name":"list","type":{"type":"array","items":"string"}},
              {"name":"counts","type":{"type":"map","values":"long"}},
              {"name":"u","type":["null","string","long"]},
              {"name":"inner","type":{"type":"record","name":"Inner","fields":[
                {"name":"x","type":"int"},{"name":"tags","type":{"type":"array","items":"Colour"}}]}},
              {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":12,"scale":3}}
            ]}""");

    @Test
    void theTranscodersJsonIsTheRecordsJsonAndWritesBackToTheSameBytes() {
        Fuzz.check(300, fuzz -> {
            GenericRecord record = randomRecord(fuzz);
            byte[] avro = Shop.avro(record);
            fuzz.input("avro", avro);
            try {
                byte[] json = new AvroTranscoder(EVERYTHING).toJson(avro, 0, avro.length, Integer.MAX_VALUE);
                GenericRecord readBack = new GenericDatumReader<GenericRecord>(EVERYTHING).read(null,
                        DecoderFactory.get().binaryDecoder(avro, null));
                JsonNode expected = JSON.readTree(JSON.writeValueAsBytes(oracle(readBack, EVERYTHING)));

                assertThat(JSON.readTree(json)).isEqualTo(expected);
                for (int cut = 0; cut < avro.length; cut += 1 + avro.length / 7) {
                    int end = cut; // every cut is said, never read past the value's end
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AvroTranscoder(EVERYTHING)
                            .toJson(java.util.Arrays.copyOf(avro, end), 0, end, Integer.MAX_VALUE))
                            .isInstanceOf(IOException.class);
                }
                assertThat(AvroWriting.toAvro(json, EVERYTHING, 1)).isEqualTo(avro);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    void aCorruptCountStopsAtTheBudgetInsteadOfFillingTheHeap() {
        Schema nulls = new Schema.Parser().parse("{\"type\":\"array\",\"items\":\"null\"}");
        byte[] billion = {(byte) 0x80, (byte) 0xa8, (byte) 0xd6, (byte) 0xb9, 0x07, 0}; // zigzag 1e9, then end
        int id = 1;
        var reading = new AvroReading(new RegisteredSchema(id, "AVRO", nulls.toString(), List.of(), null), nulls,
                new AvroTranscoder(nulls));
        byte[] framed = WireFrame.frame(id, billion);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reading.toJson(framed, WireFrame.HEADER))
                .isInstanceOf(SchemaProblem.class).hasMessageContaining("does not match Avro schema 1")
                .hasMessageContaining("exceed");
    }

    @Test
    void randomSchemasAndValuesReadAsAvrosOwnReaderReadsThem() {
        Fuzz.check(300, fuzz -> {
            Schema schema = fuzz.input("schema", new RandomSchemas(fuzz).root());
            var transcoder = new AvroTranscoder(schema);
            var reading = new AvroReading(new RegisteredSchema(7, "AVRO", schema.toString(), List.of(), null), schema,
                    transcoder);
            for (int n = 0; n < 4; n++) {
                byte[] avro = fuzz.input("avro " + n, write(schema, new RandomData(fuzz).of(schema)));
                try {
                    byte[] json = transcoder.toJson(avro, 0, avro.length, Integer.MAX_VALUE);
                    assertThat(JSON.readTree(json)).isEqualTo(oracleJson(schema, avro));
                    // framed, as a scan reads it: the same JSON from the frame's payload
                    assertThat(reading.toJson(WireFrame.frame(7, avro), WireFrame.HEADER)).isEqualTo(json);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                assertCutShortAndLeftOverAreSaid(reading, avro, fuzz);
            }
            // Bytes that are not a value of the schema: read (as valid JSON) or said, never another exception.
            for (int n = 0; n < 4; n++) {
                byte[] noise = fuzz.input("noise " + n, fuzz.bytes(48));
                try {
                    JSON.readTree(reading.toJson(WireFrame.frame(7, noise), WireFrame.HEADER));
                } catch (SchemaProblem said) {
                    assertThat(said.getMessage()).contains("does not match Avro schema 7");
                } catch (IOException e) {
                    throw new AssertionError("the transcoder wrote JSON that does not parse", e);
                }
            }
        });
    }

    static final Schema TREE = new Schema.Parser().parse("""
            {"type":"record","name":"Node","fields":[
              {"name":"label","type":"string"},
              {"name":"children","type":{"type":"array","items":"Node"}},
              {"name":"next","type":["null","Node"]},
              {"name":"weight","type":"double"}
            ]}""");

    @Test
    void aRecursiveSchemaReadsAsAvrosOwnReaderReadsIt() {
        Fuzz.check(200, fuzz -> {
            byte[] avro = fuzz.input("avro", write(TREE, tree(fuzz, 4)));
            try {
                byte[] json = new AvroTranscoder(TREE).toJson(avro, 0, avro.length, Integer.MAX_VALUE);
                assertThat(JSON.readTree(json)).isEqualTo(oracleJson(TREE, avro));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    void aValueNestedDeeperThanFlowdeckReadsIsSaidNotAStackOverflow() {
        // Each level: an empty label, no children, the union's second branch (another node); the last one ends
        // with the null branch. 100,000 levels take 400 kB: a stack overflow if nothing stopped the reading.
        var bytes = new ByteArrayOutputStream();
        int levels = 100_000;
        for (int i = 0; i < levels; i++) {
            bytes.writeBytes(new byte[] {0, 0, 2});
        }
        bytes.writeBytes(new byte[] {0, 0, 0});
        for (int i = 0; i <= levels; i++) {
            bytes.writeBytes(new byte[8]); // each node's weight, written after its next
        }
        var reading = new AvroReading(new RegisteredSchema(3, "AVRO", TREE.toString(), List.of(), null), TREE,
                new AvroTranscoder(TREE));

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> reading.toJson(WireFrame.frame(3, bytes.toByteArray()), WireFrame.HEADER))
                .isInstanceOf(SchemaProblem.class).hasMessageContaining("does not match Avro schema 3")
                .hasMessageContaining("nested deeper than " + AvroTranscoder.MAX_DEPTH);
    }

    /** Every cut of the value is said as that record's problem; so is a byte more than the value. */
    private static void assertCutShortAndLeftOverAreSaid(AvroReading reading, byte[] avro, Fuzz fuzz) {
        int step = avro.length <= 64 ? 1 : 1 + fuzz.below(avro.length / 16);
        for (int cut = 0; cut < avro.length; cut += step) {
            byte[] framed = WireFrame.frame(7, Arrays.copyOf(avro, cut));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> reading.toJson(framed, WireFrame.HEADER))
                    .isInstanceOf(SchemaProblem.class).hasMessageContaining("does not match Avro schema 7");
        }
        byte[] longer = WireFrame.frame(7, Arrays.copyOf(avro, avro.length + 1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reading.toJson(longer, WireFrame.HEADER))
                .isInstanceOf(SchemaProblem.class).hasMessageContaining("left over");
    }

    static byte[] write(Schema schema, Object datum) {
        var out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<>(schema).write(datum, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** What Avro's own reader reads from the bytes, as JSON the plain way, parsed as the transcoder's JSON is. */
    private static JsonNode oracleJson(Schema schema, byte[] avro) throws IOException {
        Object readBack = new GenericDatumReader<>(schema).read(null, DecoderFactory.get().binaryDecoder(avro, null));
        return JSON.readTree(JSON.writeValueAsBytes(oracle(readBack, schema)));
    }

    static GenericRecord tree(Fuzz fuzz, int depth) {
        GenericRecord node = new GenericData.Record(TREE);
        node.put("label", fuzz.string(12));
        node.put("children", new GenericData.Array<>(TREE.getField("children").schema(),
                depth == 0 ? List.of() : fuzz.list(0, 2, () -> tree(fuzz, depth - 1))));
        node.put("next", depth == 0 || fuzz.oneIn(2) ? null : tree(fuzz, depth - 1));
        node.put("weight", new RandomData(fuzz).doubleValue());
        return node;
    }

    /** Random schemas of every kind, a few levels deep; names unique, unions as Avro allows them. */
    static final class RandomSchemas {
        private final Fuzz fuzz;
        private int names;

        RandomSchemas(Fuzz fuzz) {
            this.fuzz = fuzz;
        }

        /** A record mostly, as registries hold; now and then any schema. */
        Schema root() {
            return fuzz.oneIn(8) ? any(3) : record(3);
        }

        Schema any(int depth) {
            int kinds = depth <= 0 ? 15 : 19;
            return switch (fuzz.below(kinds)) {
                case 0 -> Schema.create(Schema.Type.NULL);
                case 1 -> Schema.create(Schema.Type.BOOLEAN);
                case 2 -> Schema.create(Schema.Type.INT);
                case 3 -> Schema.create(Schema.Type.LONG);
                case 4 -> Schema.create(Schema.Type.FLOAT);
                case 5 -> Schema.create(Schema.Type.DOUBLE);
                case 6 -> Schema.create(Schema.Type.STRING);
                case 7 -> Schema.create(Schema.Type.BYTES);
                case 8 -> LogicalTypes.decimal(12, fuzz.between(0, 4)).addToSchema(Schema.create(Schema.Type.BYTES));
                case 9 -> Schema.createFixed(name("Fixed"), null, "fuzz", fuzz.between(1, 9));
                case 10 -> LogicalTypes.decimal(10, fuzz.between(0, 4))
                        .addToSchema(Schema.createFixed(name("Money"), null, "fuzz", 8));
                case 11 -> Schema.createEnum(name("Enum"), null, "fuzz",
                        List.of("A", "B_2", "c", "Delta").subList(0, fuzz.between(1, 4)));
                case 12 -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
                case 13 -> LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
                case 14 -> LogicalTypes.uuid().addToSchema(Schema.create(Schema.Type.STRING));
                case 15 -> record(depth - 1);
                case 16 -> Schema.createArray(any(depth - 1));
                case 17 -> Schema.createMap(any(depth - 1));
                default -> union(depth - 1);
            };
        }

        private Schema record(int depth) {
            List<Schema.Field> fields = new ArrayList<>();
            for (int i = fuzz.between(0, 6); i > 0; i--) {
                fields.add(new Schema.Field("f" + fields.size(), any(depth)));
            }
            return Schema.createRecord(name("Record"), null, "fuzz", false, fields);
        }

        /** Branches of different kinds (an unnamed type once, a named one by its name), none a union itself. */
        private Schema union(int depth) {
            List<Schema> branches = new ArrayList<>();
            Set<String> kinds = new HashSet<>();
            if (fuzz.oneIn(2)) {
                branches.add(Schema.create(Schema.Type.NULL));
                kinds.add("NULL");
            }
            for (int tries = fuzz.between(1, 4); tries > 0; tries--) {
                Schema branch = any(depth);
                String kind = switch (branch.getType()) {
                    case RECORD, ENUM, FIXED -> branch.getFullName();
                    default -> branch.getType().name();
                };
                if (branch.getType() != Schema.Type.UNION && kinds.add(kind)) {
                    branches.add(fuzz.oneIn(2) ? branches.size() : 0, branch);
                }
            }
            return branches.isEmpty() ? Schema.createUnion(Schema.create(Schema.Type.STRING))
                    : Schema.createUnion(branches);
        }

        private String name(String kind) {
            return kind + names++;
        }
    }

    /** Random values of a schema, as Avro's writer takes them. */
    static final class RandomData {
        private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();
        private final Fuzz fuzz;

        RandomData(Fuzz fuzz) {
            this.fuzz = fuzz;
        }

        Object of(Schema schema) {
            return switch (schema.getType()) {
                case NULL -> null;
                case BOOLEAN -> fuzz.oneIn(2);
                case INT -> (int) fuzz.anyLong();
                case LONG -> fuzz.anyLong();
                case FLOAT -> floatValue();
                case DOUBLE -> doubleValue();
                case STRING -> text();
                case BYTES -> schema.getLogicalType() instanceof LogicalTypes.Decimal decimal
                        ? DECIMALS.toBytes(BigDecimal.valueOf(fuzz.between(-99_999_999_999L, 99_999_999_999L),
                        decimal.getScale()), schema, decimal)
                        : ByteBuffer.wrap(fuzz.bytes(20));
                case FIXED -> {
                    if (schema.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
                        yield DECIMALS.toFixed(BigDecimal.valueOf(fuzz.between(-9_999_999_999L, 9_999_999_999L),
                                decimal.getScale()), schema, decimal);
                    }
                    byte[] bytes = new byte[schema.getFixedSize()];
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = (byte) fuzz.below(256);
                    }
                    yield new GenericData.Fixed(schema, bytes);
                }
                case ENUM -> new GenericData.EnumSymbol(schema,
                        schema.getEnumSymbols().get(fuzz.below(schema.getEnumSymbols().size())));
                case ARRAY -> new GenericData.Array<>(schema, fuzz.list(0, 4, () -> of(schema.getElementType())));
                case MAP -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (int n = fuzz.between(0, 3); n > 0; n--) {
                        // Keys distinct as UTF-8 too (a lone surrogate would be written as '?'): no duplicate keys.
                        map.put(fuzz.chars("ab\"\\\n\u0001é€𝄞 ", 6), of(schema.getValueType()));
                    }
                    yield map;
                }
                case UNION -> of(schema.getTypes().get(fuzz.below(schema.getTypes().size())));
                case RECORD -> {
                    GenericRecord record = new GenericData.Record(schema);
                    for (Schema.Field field : schema.getFields()) {
                        record.put(field.pos(), of(field.schema()));
                    }
                    yield record;
                }
            };
        }

        /** Any text: escapes, any script, lone surrogates; now and then long, or bytes that are not UTF-8. */
        CharSequence text() {
            return switch (fuzz.weighted(6, 2, 2, 1)) {
                case 0 -> fuzz.string(24);
                case 1 -> fuzz.chars("abcdefghijklmnopqrstuvwxyz-0123456789", 40);
                case 2 -> new Utf8(fuzz.bytes(30)); // what a careless writer may put in a string
                default -> fuzz.string(3_000);
            };
        }

        double doubleValue() {
            return switch (fuzz.weighted(1, 3, 3)) {
                case 0 -> fuzz.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0);
                case 1 -> fuzz.between(-1_000_000_000L, 1_000_000_000L) / Math.pow(10, fuzz.between(0, 8));
                default -> fuzz.anyDouble();
            };
        }

        float floatValue() {
            return switch (fuzz.weighted(1, 3, 3)) {
                case 0 -> fuzz.of(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, 0.0f);
                case 1 -> (float) (fuzz.between(-1_000_000, 1_000_000) / Math.pow(10, fuzz.between(0, 6)));
                default -> (float) fuzz.anyDouble();
            };
        }
    }

    private static GenericRecord randomRecord(Fuzz fuzz) {
        GenericRecord record = new GenericData.Record(EVERYTHING);
        record.put("s", fuzz.string(20));
        record.put("i", (int) fuzz.anyLong());
        record.put("l", fuzz.anyLong());
        record.put("f", fuzz.oneIn(10) ? Float.NaN : (float) fuzz.anyDouble());
        record.put("d", fuzz.oneIn(10) ? Double.NEGATIVE_INFINITY : fuzz.anyDouble());
        record.put("b", fuzz.oneIn(2));
        record.put("n", null);
        record.put("raw", ByteBuffer.wrap(fuzz.bytes(12)));
        record.put("fx", new GenericData.Fixed(EVERYTHING.getField("fx").schema(), new byte[] {
                (byte) fuzz.below(256), (byte) fuzz.below(256), (byte) fuzz.below(256), (byte) fuzz.below(256)}));
        Schema colour = EVERYTHING.getField("e").schema();
        record.put("e", new GenericData.EnumSymbol(colour, fuzz.of("RED", "GREEN", "BLUE")));
        record.put("list", new GenericData.Array<>(EVERYTHING.getField("list").schema(),
                fuzz.list(0, 5, () -> fuzz.string(8))));
        Map<String, Long> counts = new HashMap<>();
        for (int n = fuzz.between(0, 4); n > 0; n--) {
            counts.put(fuzz.string(6), fuzz.anyLong());
        }
        record.put("counts", counts);
        record.put("u", switch (fuzz.below(3)) {
            case 0 -> null;
            case 1 -> fuzz.string(10);
            default -> fuzz.anyLong();
        });
        Schema innerSchema = EVERYTHING.getField("inner").schema();
        GenericRecord inner = new GenericData.Record(innerSchema);
        inner.put("x", fuzz.between(-1000, 1000));
        inner.put("tags", new GenericData.Array<>(innerSchema.getField("tags").schema(), fuzz.list(0, 3,
                () -> new GenericData.EnumSymbol(colour, fuzz.of("RED", "BLUE")))));
        record.put("inner", inner);
        Schema price = EVERYTHING.getField("price").schema();
        record.put("price", new Conversions.DecimalConversion().toBytes(
                BigDecimal.valueOf(fuzz.between(-10_000_000L, 10_000_000L), 3), price, price.getLogicalType()));
        return record;
    }

    /** The plain way, through Avro's own objects: what the transcoder must agree with. */
    private static JsonNode oracle(Object datum, Schema schema) {
        return switch (schema.getType()) {
            case RECORD -> {
                ObjectNode object = NODES.objectNode();
                for (Schema.Field field : schema.getFields()) {
                    object.set(field.name(), oracle(((GenericRecord) datum).get(field.pos()), field.schema()));
                }
                yield object;
            }
            case UNION -> oracle(datum, schema.getTypes().get(GenericData.get().resolveUnion(schema, datum)));
            case ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (Object item : new ArrayList<>((List<?>) datum)) {
                    array.add(oracle(item, schema.getElementType()));
                }
                yield array;
            }
            case MAP -> {
                ObjectNode object = NODES.objectNode();
                ((Map<?, ?>) datum).forEach((key, value) -> object.set(key.toString(),
                        oracle(value, schema.getValueType())));
                yield object;
            }
            case ENUM -> NODES.textNode(((GenericEnumSymbol<?>) datum).toString());
            case FIXED -> schema.getLogicalType() instanceof LogicalTypes.Decimal decimal
                    ? NODES.numberNode(new Conversions.DecimalConversion().fromFixed((GenericFixed) datum, schema,
                    decimal))
                    : NODES.textNode(Base64.getEncoder().encodeToString(((GenericFixed) datum).bytes()));
            case BYTES -> {
                ByteBuffer buffer = ((ByteBuffer) datum).duplicate();
                if (schema.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
                    yield NODES.numberNode(new Conversions.DecimalConversion().fromBytes(buffer, schema, decimal));
                }
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                yield NODES.textNode(Base64.getEncoder().encodeToString(bytes));
            }
            case STRING -> NODES.textNode(datum.toString());
            case INT -> NODES.numberNode((Integer) datum);
            case LONG -> NODES.numberNode((Long) datum);
            case FLOAT -> number((double) (Float) datum);
            case DOUBLE -> number((Double) datum);
            case BOOLEAN -> NODES.booleanNode((Boolean) datum);
            case NULL -> NODES.nullNode();
        };
    }

    private static JsonNode number(double value) {
        return Double.isFinite(value) ? NODES.numberNode(value) : NODES.textNode(Double.toString(value));
    }
}
