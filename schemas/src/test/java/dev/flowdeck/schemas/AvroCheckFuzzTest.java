package dev.flowdeck.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowdeck.core.fuzz.Fuzz;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * The check a scan makes of every Avro value (a walk over the schema's program that writes no JSON) against the
 * reading into JSON it stands in for, which the scan no longer does for every value: for random schemas and values,
 * and the same values cut short, lengthened, mutated byte by byte or replaced by noise, the check accepts exactly
 * what the reading reads, the JSON made later is the reading's byte for byte, and what the reading says of a value
 * that is not of its schema (cut short, bytes left over, a bad union or enum index, a bad boolean, a varint too long,
 * an int out of range, a length past the end, nesting too deep) the check says in the same words. And with any
 * budget for the JSON: where the check is sure, it agrees with the writer, and it is unsure only near the budget.
 */
class AvroCheckFuzzTest {

    private static final int ID = 7;

    /** What the scan said before: the value read into JSON at once, or the sentence why not. */
    private static String eager(AvroReading reading, byte[] framed) {
        try {
            return "JSON " + new String(reading.toJson(framed, WireFrame.HEADER), StandardCharsets.ISO_8859_1);
        } catch (SchemaProblem problem) {
            return "problem " + problem.getMessage();
        }
    }

    /** What the scan says now: the value checked, its JSON made afterwards (when something asks). */
    private static String lazy(AvroReading reading, byte[] framed) {
        SchemaReading.Read read;
        try {
            read = reading.read(framed, WireFrame.HEADER);
        } catch (SchemaProblem problem) {
            return "problem " + problem.getMessage();
        }
        byte[] json = read.json() != null ? read.json() : read.later().json();
        return "JSON " + new String(json, StandardCharsets.ISO_8859_1);
    }

    private static AvroReading reading(Schema schema) {
        return new AvroReading(new RegisteredSchema(ID, "AVRO", schema.toString(), List.of(), null), schema,
                new AvroTranscoder(schema));
    }

    @Test
    void theCheckSaysOfRandomValuesAndTheirMutantsWhatReadingThemSays() {
        Fuzz.check(300, fuzz -> {
            Schema schema = fuzz.input("schema", new AvroTranscoderFuzzTest.RandomSchemas(fuzz).root());
            AvroReading reading = reading(schema);
            for (int n = 0; n < 3; n++) {
                byte[] avro = fuzz.input("avro " + n, AvroTranscoderFuzzTest.write(schema,
                        new AvroTranscoderFuzzTest.RandomData(fuzz).of(schema)));
                byte[] framed = WireFrame.frame(ID, avro);
                assertThat(lazy(reading, framed)).isEqualTo(eager(reading, framed)).startsWith("JSON ");
                assertThat(reading.read(framed, WireFrame.HEADER).json())
                        .as("a value well within its budget is checked, its JSON left to make").isNull();
                for (byte[] changed : mutants(fuzz, avro)) {
                    byte[] frame = WireFrame.frame(ID, changed);
                    assertThat(lazy(reading, frame)).as("mutant %s", Arrays.toString(changed))
                            .isEqualTo(eager(reading, frame));
                }
            }
            for (int n = 0; n < 3; n++) {
                byte[] noise = WireFrame.frame(ID, fuzz.input("noise " + n, fuzz.bytes(48)));
                assertThat(lazy(reading, noise)).isEqualTo(eager(reading, noise));
            }
        });
    }

    @Test
    void aRecursiveSchemaIsCheckedAsItIsRead() {
        AvroReading reading = reading(AvroTranscoderFuzzTest.TREE);
        Fuzz.check(150, fuzz -> {
            byte[] avro = fuzz.input("avro", AvroTranscoderFuzzTest.write(AvroTranscoderFuzzTest.TREE,
                    AvroTranscoderFuzzTest.tree(fuzz, 4)));
            byte[] framed = WireFrame.frame(ID, avro);
            assertThat(lazy(reading, framed)).isEqualTo(eager(reading, framed)).startsWith("JSON ");
            for (byte[] changed : mutants(fuzz, avro)) {
                byte[] frame = WireFrame.frame(ID, changed);
                assertThat(lazy(reading, frame)).isEqualTo(eager(reading, frame));
            }
        });
    }

    @Test
    void aValueNestedTooDeepIsSaidTheSameWay() {
        var bytes = new ByteArrayOutputStream();
        int levels = 100_000;
        for (int i = 0; i < levels; i++) {
            bytes.writeBytes(new byte[] {0, 0, 2});
        }
        bytes.writeBytes(new byte[] {0, 0, 0});
        for (int i = 0; i <= levels; i++) {
            bytes.writeBytes(new byte[8]);
        }
        AvroReading reading = reading(AvroTranscoderFuzzTest.TREE);
        byte[] framed = WireFrame.frame(ID, bytes.toByteArray());

        assertThat(lazy(reading, framed)).isEqualTo(eager(reading, framed))
                .contains("nested deeper than " + AvroTranscoder.MAX_DEPTH);
    }

    /**
     * A billion nulls in six bytes: the check cannot tell where the writer stops, so it says it is unsure and the
     * reading asks the writer (the lazy and eager answers are then the writer's both, so the check's own part is
     * that it was unsure, never "fits").
     */
    @Test
    void aCorruptCountIsSaidAsTheWriterSaysItAtItsBudget() {
        AvroReading nulls = reading(new Schema.Parser().parse("{\"type\":\"array\",\"items\":\"null\"}"));
        byte[] billion = WireFrame.frame(ID, new byte[] {(byte) 0x80, (byte) 0xa8, (byte) 0xd6, (byte) 0xb9, 0x07, 0});

        assertThatThrownBy(() -> nulls.transcoder().check(billion, WireFrame.HEADER,
                billion.length - WireFrame.HEADER, AvroReading.budget(billion)))
                .isInstanceOf(AvroInput.Unsure.class);
        assertThat(lazy(nulls, billion)).isEqualTo(eager(nulls, billion)).contains("would exceed");
    }

    /**
     * Records of nulls with long names: JSON of many kilobytes from a few bytes of Avro, so the writer's budget (64
     * times the value, at least a megabyte) is reached by honest counts too. Below it, above it and right at it,
     * the check says what the writer says, and it decides a fair share of them itself rather than leaving them to
     * the writer as unsure.
     */
    @Test
    void jsonNearItsBudgetIsSaidAsTheWriterSaysIt() {
        var cases = new AtomicInteger();
        var decided = new AtomicInteger(); // by the check itself, not handed to the writer as unsure
        Fuzz.check(60, fuzz -> {
            List<String> fields = new ArrayList<>();
            int names = fuzz.between(1, 40);
            StringBuilder schemaText = new StringBuilder("{\"type\":\"array\",\"items\":{\"type\":\"record\","
                    + "\"name\":\"Wide\",\"fields\":[");
            for (int i = 0; i < names; i++) {
                String name = "n" + i + "_".repeat(fuzz.between(0, 300));
                fields.add(name);
                schemaText.append(i == 0 ? "" : ",").append("{\"name\":\"").append(name).append("\",\"type\":")
                        .append(i % 5 == 4 ? "\"int\"" : "\"null\"").append('}');
            }
            schemaText.append("]}}");
            AvroReading reading = reading(fuzz.input("schema", new Schema.Parser().parse(schemaText.toString())));
            int ints = names / 5;
            int perItem = fields.stream().mapToInt(name -> name.length() + 8).sum();
            long items = fuzz.between(1, 2 * (1024 * 1024 / perItem + 1)); // about half of them past the budget
            var avro = new ByteArrayOutputStream();
            writeLong(avro, items);
            for (long i = 0; i < items * ints; i++) {
                writeLong(avro, fuzz.between(-5, 5));
            }
            writeLong(avro, 0);
            byte[] framed = WireFrame.frame(ID, fuzz.input("avro", avro.toByteArray()));

            assertThat(lazy(reading, framed)).isEqualTo(eager(reading, framed));
            cases.incrementAndGet();
            try {
                reading.transcoder().check(framed, WireFrame.HEADER, framed.length - WireFrame.HEADER,
                        AvroReading.budget(framed));
                decided.incrementAndGet();
            } catch (AvroInput.Unsure unsure) {
                // the writer answered: the comparison above held the writer to itself
            } catch (IOException fault) {
                decided.incrementAndGet();
            }
        });
        // Where the check is unsure the comparison holds the writer to itself; so the check must decide a fair
        // share itself (20 of the 60 tries now: the bound overestimates ints, so many small values stay unsure),
        // and a check that gave every value to the writer would decide none. A replayed single try is not counted.
        if (cases.get() == 60) {
            assertThat(decided.get()).as("tries the check decided itself, of %d", cases.get())
                    .isGreaterThanOrEqualTo(12);
        }
    }

    /**
     * The transcoder's check against its writer with any budget: where the check is sure it is the writer's
     * answer (its JSON, or its fault in its words), and it is unsure only where the JSON could come near the
     * budget, never for a budget a few times the JSON's length.
     */
    @Test
    void withAnyBudgetACheckThatIsSureIsTheWritersAnswer() {
        Fuzz.check(300, fuzz -> {
            Schema schema = fuzz.input("schema", new AvroTranscoderFuzzTest.RandomSchemas(fuzz).root());
            var transcoder = new AvroTranscoder(schema);
            byte[] avro = AvroTranscoderFuzzTest.write(schema, new AvroTranscoderFuzzTest.RandomData(fuzz).of(schema));
            List<byte[]> values = new ArrayList<>(mutants(fuzz, avro));
            values.add(avro);
            for (byte[] value : values) {
                String unlimited = writerSays(transcoder, value, Integer.MAX_VALUE);
                int jsonLength = unlimited.length() - (unlimited.startsWith("JSON") ? 4 : 0);
                // A value's bound is at most about 14 times its JSON (an array of one-digit ints: 21 for "1,").
                int ample = 32 * jsonLength + 64;
                for (int budget : new int[] {fuzz.between(0, 2 * jsonLength + 2), jsonLength - 1, jsonLength,
                        ample}) {
                    String writer = writerSays(transcoder, value, budget);
                    String check;
                    try {
                        transcoder.check(value, 0, value.length, budget);
                        check = "fits";
                    } catch (AvroInput.Unsure unsure) {
                        assertThat(budget == ample && unlimited.startsWith("JSON"))
                                .as("unsure with an ample budget for a value that reads").isFalse();
                        continue;
                    } catch (IOException fault) {
                        check = fault.getClass().getSimpleName() + ": " + fault.getMessage();
                    }
                    assertThat(check).as("budget %d, value %s", budget, Arrays.toString(value))
                            .isEqualTo(writer.startsWith("JSON") ? "fits" : writer);
                }
            }
        });
    }

    /**
     * Values whose JSON the bound counts exactly (brackets, nulls, a boolean, an enum's symbol): at every budget
     * around their length the check agrees with the writer, so the bound never falls below what the writer asks.
     */
    @Test
    void atEveryBudgetAroundAnExactlyCountedValueTheCheckAgrees() throws IOException {
        record Case(String schema, byte[] avro) {
        }
        List<Case> cases = List.of(
                new Case("{\"type\":\"array\",\"items\":\"null\"}", new byte[] {0}),
                new Case("{\"type\":\"array\",\"items\":\"null\"}", new byte[] {4, 0}),
                new Case("{\"type\":\"map\",\"values\":\"null\"}", new byte[] {0}),
                new Case("{\"type\":\"map\",\"values\":\"boolean\"}", new byte[] {2, 2, 'k', 1, 0}),
                new Case("\"boolean\"", new byte[] {0}),
                new Case("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"LONGER\"]}", new byte[] {2}),
                new Case("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"n\",\"type\":\"null\"},"
                        + "{\"name\":\"a\",\"type\":{\"type\":\"array\",\"items\":\"boolean\"}}]}",
                        new byte[] {0}));
        for (Case each : cases) {
            var transcoder = new AvroTranscoder(new Schema.Parser().parse(each.schema()));
            int length = transcoder.toJson(each.avro(), 0, each.avro().length, Integer.MAX_VALUE).length;
            for (int budget = 0; budget <= length + 1; budget++) {
                String writer = writerSays(transcoder, each.avro(), budget);
                String check;
                try {
                    transcoder.check(each.avro(), 0, each.avro().length, budget);
                    check = "fits";
                } catch (AvroInput.Unsure unsure) {
                    continue;
                } catch (IOException fault) {
                    check = fault.getClass().getSimpleName() + ": " + fault.getMessage();
                }
                assertThat(check).as("%s at budget %d", each.schema(), budget)
                        .isEqualTo(writer.startsWith("JSON") ? "fits" : writer);
            }
        }
    }

    /** The writer's answer: {@code JSON} and the JSON, or its fault's kind and words. */
    private static String writerSays(AvroTranscoder transcoder, byte[] value, int budget) {
        try {
            return "JSON" + new String(transcoder.toJson(value, 0, value.length, budget),
                    StandardCharsets.ISO_8859_1);
        } catch (IOException fault) {
            return fault.getClass().getSimpleName() + ": " + fault.getMessage();
        }
    }

    /** The value cut at a few places, a byte longer, and changed the ways a broken writer or a bit flip changes it. */
    static List<byte[]> mutants(Fuzz fuzz, byte[] avro) {
        List<byte[]> mutants = new ArrayList<>();
        int step = avro.length <= 32 ? 1 : 1 + fuzz.below(avro.length / 8);
        for (int cut = 0; cut < avro.length; cut += step) {
            mutants.add(Arrays.copyOf(avro, cut));
        }
        byte[] longer = Arrays.copyOf(avro, avro.length + 1 + fuzz.below(3));
        longer[longer.length - 1] = (byte) fuzz.below(256);
        mutants.add(longer);
        for (int n = 0; n < 12 && avro.length > 0; n++) {
            byte[] changed = avro.clone();
            int at = fuzz.below(avro.length);
            switch (fuzz.below(5)) {
                case 0 -> changed[at] = (byte) fuzz.below(256);
                case 1 -> changed[at] = (byte) (0x80 | fuzz.below(128)); // a varint that goes on
                case 2 -> changed[at] ^= (byte) (1 << fuzz.below(8));
                case 3 -> {
                    changed = new byte[avro.length + 1];
                    System.arraycopy(avro, 0, changed, 0, at);
                    changed[at] = (byte) fuzz.below(256);
                    System.arraycopy(avro, at, changed, at + 1, avro.length - at);
                }
                default -> {
                    changed = new byte[avro.length - 1];
                    System.arraycopy(avro, 0, changed, 0, at);
                    System.arraycopy(avro, at + 1, changed, at, avro.length - at - 1);
                }
            }
            mutants.add(changed);
        }
        return mutants;
    }

    private static void writeLong(ByteArrayOutputStream out, long value) {
        long zigzag = (value << 1) ^ (value >> 63);
        while ((zigzag & ~0x7FL) != 0) {
            out.write((int) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        out.write((int) zigzag);
    }
}
