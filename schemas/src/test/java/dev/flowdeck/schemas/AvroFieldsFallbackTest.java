package dev.flowdeck.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.OrderedFiltering;
import dev.flowdeck.core.decode.DecodedValue;
import dev.flowdeck.core.decode.ValueDecoder;
import dev.flowdeck.core.filter.MessageFilter;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;

/**
 * Where JSON of just a filter's fields cannot be made for sure, {@link AvroTranscoder#fieldsJson} says so (null) and
 * the filter reads the whole JSON: a field passed over that is a string of more than a megabyte or a decimal of more
 * than 400 bytes (which a JSON reader might refuse in the whole JSON, so leaving it out could change the answer), a
 * schema that contains itself, a schema nesting deeper than {@value AvroTranscoder#MAX_PROJECTED_DEPTH}. A scan
 * through {@link OrderedFiltering} then passes what a scan of values read whole passes.
 */
class AvroFieldsFallbackTest {

    private static final int ID = 7;
    private static final List<List<String>> AMOUNT = List.of(List.of("amount"));
    private static final MessageFilter AMOUNT_IS_5 = MessageFilter.Json.of("$.amount == 5");

    @Test
    void aHugeStringPassedOverLeavesTheFilterToTheWholeJson() {
        Schema schema = record("Note", field("text", Schema.create(Schema.Type.STRING)),
                field("amount", Schema.create(Schema.Type.INT)));
        String huge = "x".repeat(AvroInput.HAZARD_TEXT + 1);
        List<byte[]> values = List.of(value(schema, huge, 5), value(schema, huge, 6), value(schema, "short", 5));

        assertThat(fieldsJson(schema, values.get(0))).isNull();
        assertThat(fieldsJson(schema, values.get(2))).as("a short string is passed over").isEqualTo(
                "{\"amount\":5}");
        assertScansAgree(schema, values, 0, 2);
    }

    @Test
    void aLongDecimalPassedOverLeavesTheFilterToTheWholeJson() {
        Schema decimal = LogicalTypes.decimal(1200, 2).addToSchema(Schema.create(Schema.Type.BYTES));
        Schema schema = record("Price", field("exact", decimal), field("amount", Schema.create(Schema.Type.INT)));
        byte[] long403 = BigInteger.TEN.pow(970).toByteArray(); // 971 digits: less than a JSON reader's 1,000
        assertThat(long403.length).isGreaterThan(AvroInput.HAZARD_DECIMAL);
        byte[] small = BigInteger.valueOf(12345).toByteArray();
        List<byte[]> values = List.of(value(schema, ByteBuffer.wrap(long403), 5),
                value(schema, ByteBuffer.wrap(long403), 4), value(schema, ByteBuffer.wrap(small), 5));

        assertThat(fieldsJson(schema, values.get(0))).isNull();
        assertThat(fieldsJson(schema, values.get(2))).isEqualTo("{\"amount\":5}");
        assertScansAgree(schema, values, 0, 2);
    }

    @Test
    void aSchemaThatContainsItselfLeavesTheFilterToTheWholeJson() {
        Schema schema = new Schema.Parser().parse("""
                {"type":"record","name":"Part","fields":[
                  {"name":"amount","type":"int"},
                  {"name":"inside","type":["null","Part"]}
                ]}""");
        GenericData.Record inner = new GenericData.Record(schema);
        inner.put("amount", 5);
        List<byte[]> values = new ArrayList<>();
        for (int amount : new int[] {5, 6}) {
            GenericData.Record outer = new GenericData.Record(schema);
            outer.put("amount", amount);
            outer.put("inside", inner);
            values.add(AvroTranscoderFuzzTest.write(schema, outer));
        }

        assertThat(fieldsJson(schema, values.get(0))).isNull();
        assertThat(fieldsJson(schema, values.get(1))).isNull();
        assertScansAgree(schema, values, 0);
    }

    @Test
    void aSchemaNestingTooDeepLeavesTheFilterToTheWholeJson() {
        Schema deepest = record("Level" + AvroTranscoder.MAX_PROJECTED_DEPTH,
                field("leaf", Schema.create(Schema.Type.INT)));
        for (int level = AvroTranscoder.MAX_PROJECTED_DEPTH - 1; level > 0; level--) {
            deepest = record("Level" + level, field("down", deepest));
        }
        Schema schema = record("Top", field("down", deepest), field("amount", Schema.create(Schema.Type.INT)));
        // The records on the way down hold nothing but the next: their bytes are the leaf's int, then the amount.
        List<byte[]> values = List.of(new byte[] {2, 10}, new byte[] {2, 12});
        Schema shallow = record("Top", field("down", record("Level1", field("leaf", Schema.create(Schema.Type.INT)))),
                field("amount", Schema.create(Schema.Type.INT)));

        assertThat(fieldsJson(schema, values.get(0))).isNull();
        assertThat(fieldsJson(shallow, values.get(0))).as("the same bytes, nested shallowly")
                .isEqualTo("{\"amount\":5}");
        assertScansAgree(schema, values, 0);
    }

    private static String fieldsJson(Schema schema, byte[] avro) {
        byte[] json = new AvroTranscoder(schema).fieldsJson(AMOUNT, avro, 0, avro.length);
        return json == null ? null : new String(json, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * A scan of the values checked and read lazily passes the {@code passing} ones, as a scan of them read whole
     * does; a passing value had its whole JSON made to be filtered where it had no fields' JSON, and its JSON is
     * the reading's.
     */
    private static void assertScansAgree(Schema schema, List<byte[]> values, Integer... passing) {
        var reading = new AvroReading(new RegisteredSchema(ID, "AVRO", schema.toString(), List.of(), null),
                schema, new AvroTranscoder(schema));
        ValueDecoder lazily = (topic, value) -> reading.read(value, WireFrame.HEADER).decoded("Avro", ID, "", "");
        ValueDecoder wholly = (topic, value) -> DecodedValue.read("Avro", ID, "", "",
                reading.toJson(value, WireFrame.HEADER));
        List<BrowsedMessage> read = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            read.add(new BrowsedMessage("t", 0, i, Instant.EPOCH, null, WireFrame.frame(ID, values.get(i)),
                    List.of()));
        }

        List<BrowsedMessage> lazyPassed = scan(lazily, read);
        List<BrowsedMessage> wholePassed = scan(wholly, read);

        assertThat(lazyPassed).extracting(BrowsedMessage::offset)
                .containsExactly(List.of(passing).stream().map(Integer::longValue).toArray(Long[]::new))
                .containsExactlyElementsOf(wholePassed.stream().map(BrowsedMessage::offset).toList());
        assertThat(lazyPassed).allSatisfy(m -> assertThat(m.decoded().jsonMade())
                .as("the filter read the whole JSON of %s only where it had no fields' JSON", m.offset())
                .isEqualTo(fieldsJson(schema, values.get((int) m.offset())) == null));
        for (int i = 0; i < lazyPassed.size(); i++) {
            assertThat(lazyPassed.get(i).readableValue()).isEqualTo(wholePassed.get(i).readableValue());
        }
    }

    private static List<BrowsedMessage> scan(ValueDecoder decoder, List<BrowsedMessage> read) {
        var filtering = new OrderedFiltering<String>(AMOUNT_IS_5, decoder, () -> false);
        filtering.submit(read, "batch");
        return filtering.next().passed();
    }

    private static byte[] value(Schema schema, Object first, int amount) {
        GenericData.Record record = new GenericData.Record(schema);
        record.put(0, first);
        record.put(1, amount);
        return AvroTranscoderFuzzTest.write(schema, record);
    }

    private static Schema record(String name, Schema.Field... fields) {
        return Schema.createRecord(name, null, "test", false, List.of(fields));
    }

    private static Schema.Field field(String name, Schema type) {
        return new Schema.Field(name, type);
    }
}
