package dev.flowdeck.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowdeck.core.fuzz.Fuzz;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

/**
 * The transcoder against an oracle: random records of a schema with every Avro type, written by Avro's
 * GenericDatumWriter, read back by its GenericDatumReader and turned into a JSON tree the plain way; the
 * transcoder's JSON must parse to the same tree. And its JSON written back as Avro must give the same bytes.
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
            case FIXED -> NODES.textNode(Base64.getEncoder().encodeToString(((GenericFixed) datum).bytes()));
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
