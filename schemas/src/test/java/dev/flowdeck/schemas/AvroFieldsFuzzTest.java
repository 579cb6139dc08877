package dev.flowdeck.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.OrderedFiltering;
import dev.flowdeck.core.decode.DecodedValue;
import dev.flowdeck.core.decode.ValueDecoder;
import dev.flowdeck.core.filter.JsonFieldPath;
import dev.flowdeck.core.filter.MessageFilter;
import dev.flowdeck.core.filter.MessageView;
import dev.flowdeck.core.fuzz.Fuzz;
import dev.flowdeck.core.trace.CorrelationKeys;
import dev.flowdeck.core.trace.KeyFingerprints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * A field-path filter on Avro reads only its fields: the JSON of just those fields that the transcoder makes must
 * give every such filter the answer the whole JSON gives. Random schemas, random values, random paths along the
 * schema's records (through unions, into maps, arrays and numbers where a path finds nothing, names the schema does
 * not have) and random comparisons, one to three at once; each filter's answer on the fields' JSON against its answer
 * on the whole JSON, and a trace index's correlation keys (field paths too) read from either, as values and as the
 * fingerprints the index keeps. Then whole scans through {@link OrderedFiltering}: the values checked and read lazily
 * pass exactly as the values read whole passed, none of them had its whole JSON made to be filtered, and the JSON
 * made afterwards is the whole reading's.
 */
class AvroFieldsFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ID = 7;

    @Test
    void aFilterAnswersOnTheFieldsJsonAsOnTheWholeJson() {
        Fuzz.check(400, fuzz -> {
            Schema schema = fuzz.input("schema", new AvroTranscoderFuzzTest.RandomSchemas(fuzz).root());
            var transcoder = new AvroTranscoder(schema);
            for (int n = 0; n < 4; n++) {
                byte[] avro = fuzz.input("avro " + n, AvroTranscoderFuzzTest.write(schema,
                        new AvroTranscoderFuzzTest.RandomData(fuzz).of(schema)));
                byte[] whole = wholeJson(transcoder, avro);
                for (int f = 0; f < 4; f++) {
                    MessageFilter filter = fuzz.input("filter " + n + "." + f, filter(fuzz, schema, whole));
                    List<List<String>> paths = MessageFilter.valuePaths(filter).orElseThrow();
                    byte[] fields = transcoder.fieldsJson(paths, avro, 0, avro.length);
                    assertThat(fields).as("fields of a schema without recursion or huge values").isNotNull();
                    fuzz.input("fields json " + n + "." + f, new String(fields, StandardCharsets.UTF_8));
                    assertThat(passes(filter, fields)).isEqualTo(passes(filter, whole));
                }
                // A trace index's correlation keys are field paths too, read from the fields' JSON where it can.
                List<String> keyPaths = List.of("$." + String.join(".", path(fuzz, schema)),
                        "$." + String.join(".", path(fuzz, schema)));
                var keys = new CorrelationKeys(List.of(), List.of(), fuzz.input("keys " + n, keyPaths)).reader();
                DecodedValue lazily = DecodedValue.read("Avro", ID, "", "", new DecodedValue.JsonSource() {
                    @Override
                    public byte[] json() {
                        return whole;
                    }

                    @Override
                    public byte[] fields(List<List<String>> paths) {
                        return transcoder.fieldsJson(paths, avro, 0, avro.length);
                    }
                });
                BrowsedMessage wholly = message(DecodedValue.read("Avro", ID, "", "", whole));
                assertThat(keys.valuesOf(message(lazily))).isEqualTo(keys.valuesOf(wholly));
                // What the index keeps: fingerprints read from the byte ranges the paths find in either JSON.
                assertThat(KeyFingerprints.of(keys, message(lazily))).isEqualTo(KeyFingerprints.of(keys, wholly));
                assertThat(lazily.jsonMade()).as("the keys read only their fields").isFalse();
            }
        });
    }

    private static BrowsedMessage message(DecodedValue decoded) {
        return new BrowsedMessage("t", 0, 0, Instant.EPOCH, null, new byte[] {0}, List.of()).withDecoded(decoded);
    }

    @Test
    void aLazilyReadScanPassesWhatAWholeReadScanPassedAndMakesNoJsonOfTheRest() {
        Fuzz.check(60, fuzz -> {
            Schema schema = fuzz.input("schema", new AvroTranscoderFuzzTest.RandomSchemas(fuzz).root());
            var reading = new AvroReading(new RegisteredSchema(ID, "AVRO", schema.toString(), List.of(), null),
                    schema, new AvroTranscoder(schema));
            ValueDecoder lazily = (topic, value) -> reading.read(value, WireFrame.HEADER)
                    .decoded("Avro", ID, "", "");
            ValueDecoder wholly = (topic, value) -> DecodedValue.read("Avro", ID, "", "",
                    reading.toJson(value, WireFrame.HEADER));
            List<BrowsedMessage> read = new ArrayList<>();
            byte[] sample = null;
            for (int i = 0; i < 40; i++) {
                byte[] avro = AvroTranscoderFuzzTest.write(schema, new AvroTranscoderFuzzTest.RandomData(fuzz)
                        .of(schema));
                sample = sample == null ? wholeJson(reading.transcoder(), avro) : sample;
                read.add(new BrowsedMessage("t", 0, i, Instant.EPOCH, null, WireFrame.frame(ID, avro), List.of()));
            }
            MessageFilter filter = fuzz.input("filter", filter(fuzz, schema, sample));

            List<BrowsedMessage> lazyPassed = scan(filter, lazily, read);
            List<BrowsedMessage> wholePassed = scan(filter, wholly, read);

            assertThat(lazyPassed).extracting(BrowsedMessage::offset)
                    .containsExactlyElementsOf(wholePassed.stream().map(BrowsedMessage::offset).toList());
            assertThat(lazyPassed).allSatisfy(m -> assertThat(m.decoded().jsonMade()).isFalse());
            for (int i = 0; i < lazyPassed.size(); i++) {
                assertThat(lazyPassed.get(i).readableValue()).isEqualTo(wholePassed.get(i).readableValue());
            }
        });
    }

    private static List<BrowsedMessage> scan(MessageFilter filter, ValueDecoder decoder, List<BrowsedMessage> read) {
        var filtering = new OrderedFiltering<String>(filter, decoder, () -> false);
        filtering.submit(read, "batch");
        return filtering.next().passed();
    }

    private static byte[] wholeJson(AvroTranscoder transcoder, byte[] avro) {
        try {
            return transcoder.toJson(avro, 0, avro.length, Integer.MAX_VALUE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean passes(MessageFilter filter, byte[] json) {
        var message = new BrowsedMessage("t", 0, 0, Instant.EPOCH, null, new byte[] {0}, List.of())
                .withDecoded(DecodedValue.read("Avro", ID, "", "", json));
        return filter.test(new MessageView(message));
    }

    /** One to three JSONPath comparisons on field paths of the schema, all of which must pass. */
    private static MessageFilter filter(Fuzz fuzz, Schema schema, byte[] sample) {
        List<MessageFilter> all = new ArrayList<>();
        for (int n = fuzz.between(1, 3); n > 0; n--) {
            String path = "$." + String.join(".", path(fuzz, schema));
            all.add(MessageFilter.Json.of(path + comparison(fuzz, path, sample)));
        }
        return MessageFilter.allOf(all);
    }

    /** Field names along the schema: records (a union's record branches too), a map's key, or a name not there. */
    private static List<String> path(Fuzz fuzz, Schema schema) {
        List<String> steps = new ArrayList<>();
        Schema at = schema;
        for (int depth = fuzz.between(1, 4); depth > 0 && at != null; depth--) {
            List<Schema> records = new ArrayList<>();
            Schema map = null;
            for (Schema each : at.getType() == Schema.Type.UNION ? at.getTypes() : List.of(at)) {
                if (each.getType() == Schema.Type.RECORD && !each.getFields().isEmpty()) {
                    records.add(each);
                } else if (each.getType() == Schema.Type.MAP) {
                    map = each;
                }
            }
            if (!records.isEmpty() && !fuzz.oneIn(10)) {
                Schema record = records.get(fuzz.below(records.size()));
                Schema.Field field = record.getFields().get(fuzz.below(record.getFields().size()));
                steps.add(field.name());
                at = field.schema();
            } else if (map != null && !fuzz.oneIn(4)) {
                steps.add(fuzz.of("a", "b", "ab", "key"));
                at = map.getValueType();
            } else {
                steps.add(fuzz.of("f0", "f1", "missing")); // into a number, an array, or a name not there
                at = null;
            }
        }
        return steps;
    }

    /** Nothing (truthy), exists, or a comparison with the sample's own value there or with a literal of any kind. */
    private static String comparison(Fuzz fuzz, String path, byte[] sample) {
        String literal = fuzz.of("0", "1.5", "-3", "1e3", "\"A\"", "\"a\"", "true", "false", "null", "\"\"");
        if (fuzz.oneIn(2)) {
            Optional<JsonFieldPath> fields = JsonFieldPath.parse(path);
            JsonNode found = fields.isEmpty() ? null : fields.get().findFirst(sample);
            if (found != null && found.isValueNode()) {
                try {
                    literal = JSON.writeValueAsString(found);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return switch (fuzz.below(9)) {
            case 0 -> "";
            case 1 -> " exists";
            case 2 -> " != " + literal;
            case 3 -> " > " + literal;
            case 4 -> " <= " + literal;
            case 5 -> " contains \"a\"";
            default -> " == " + literal;
        };
    }
}
