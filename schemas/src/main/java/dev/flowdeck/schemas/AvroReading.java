package dev.flowdeck.schemas;

import dev.flowdeck.core.decode.DecodedValue;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Avro schema from the registry, reading binary-encoded values (after the frame) straight into JSON: checked
 * when a scan decodes them, their JSON made when first asked for ({@link #read}).
 */
record AvroReading(RegisteredSchema registered, Schema schema, AvroTranscoder transcoder)
        implements SchemaReading {

    /** JSON is seldom more than a few times the Avro; past this much a count in the value is corrupt. */
    private static final int JSON_BUDGET_FACTOR = 64;
    private static final int JSON_BUDGET_FLOOR = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(AvroReading.class);
    /**
     * Schema ids whose checked value could not be read after all, said once each in the log: a check that differs
     * from the reading is a bug to report, and a scan of a million such values should not say it a million times.
     */
    private static final Set<Integer> SAID_UNREADABLE = ConcurrentHashMap.newKeySet();

    static AvroReading of(RegisteredSchema registered) {
        return of(registered, List.of());
    }

    /**
     * @param referenced the texts of the schemas the registry's references name, those referred to first: their
     *                   named types are known to the parser when the schema itself is parsed
     */
    static AvroReading of(RegisteredSchema registered, List<RegisteredSchema> referenced) {
        Schema.Parser parser = new Schema.Parser();
        for (RegisteredSchema reference : referenced) {
            try {
                parser.parse(reference.text());
            } catch (SchemaParseException | IllegalArgumentException e) {
                throw new SchemaProblem("Avro schema " + registered.id() + " refers to " + reference.subjectNote()
                        + ", which does not parse (" + e.getMessage() + "): its records cannot be read until that "
                        + "schema is fixed.", e);
            }
        }
        try {
            Schema schema = parser.parse(registered.text());
            return new AvroReading(registered, schema, new AvroTranscoder(schema));
        } catch (SchemaParseException | IllegalArgumentException e) {
            throw new SchemaProblem("Avro schema " + registered.id() + " from the registry does not parse ("
                    + e.getMessage() + "): its records cannot be read until the schema is fixed.", e);
        }
    }

    @Override
    public String format() {
        return "Avro";
    }

    @Override
    public byte[] toJson(byte[] value, int offset) {
        try {
            return transcoder.toJson(value, offset, value.length - offset, budget(value));
        } catch (IOException | RuntimeException e) {
            throw problem(e);
        }
    }

    /**
     * The value checked against the schema, its JSON left to make when it is first asked for: a scan checks every
     * value (what cannot be read, or is left over, is said here in the words {@link #toJson} says it) and makes
     * JSON only of the values something reads. Where the check cannot be sure (the JSON might reach its budget),
     * the JSON is made now.
     */
    @Override
    public Read read(byte[] value, int offset) {
        try {
            transcoder.check(value, offset, value.length - offset, budget(value));
            return new Read(null, new Later(this, value, offset), null);
        } catch (AvroInput.Unsure unsure) {
            return new Read(toJson(value, offset), null);
        } catch (IOException | RuntimeException e) {
            throw problem(e);
        }
    }

    /** JSON is seldom more than a few times the Avro: past this, a count in the value is corrupt. */
    static int budget(byte[] value) {
        return (int) Math.min(Integer.MAX_VALUE - 16,
                Math.max(JSON_BUDGET_FLOOR, (long) JSON_BUDGET_FACTOR * value.length));
    }

    /** Why the bytes are not a value of this schema, as the operator reads it on the record. */
    private SchemaProblem problem(Exception e) {
        if (e instanceof AvroTranscoder.LeftOver) {
            return new SchemaProblem("The value does not match Avro schema " + registered.id() + ": bytes are "
                    + "left over after the record was read (written with another schema under this id?).");
        }
        // cut short, a bad length or union index: not that schema
        String what = e instanceof AvroTranscoder.Malformed ? e.getMessage()
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return new SchemaProblem("The value does not match Avro schema " + registered.id() + " (" + what
                + "): it is cut short or was written with another schema.", e);
    }

    /**
     * A checked value's JSON, made from its bytes and the schema's program when first asked for: no I/O, and no
     * fault left to find (the check found them all, in the writer's own reads).
     */
    record Later(AvroReading reading, byte[] value, int offset) implements DecodedValue.JsonSource {

        @Override
        public byte[] json() {
            try {
                return reading.toJson(value, offset);
            } catch (SchemaProblem unexpected) {
                // Not expected (the differential tests hold the check to the reading); if it happens, it is said
                // where the JSON would be, as a JSON string, and whoever asked (a scan's rows, an export) goes on;
                // the log says it once per schema, for a bug report.
                if (SAID_UNREADABLE.add(reading.registered().id())) {
                    LOG.warn("A value passed the check against Avro schema {} but could not be read after all; its "
                            + "JSON says so instead (said once per schema): {}", reading.registered().id(),
                            unexpected.getMessage(), unexpected); // the log file's trace, for the report
                }
                return AvroTranscoder.quoted("The value passed the check against Avro schema "
                        + reading.registered().id() + " but could not be read after all (" + unexpected.getMessage()
                        + "): switch to Hex to see its bytes.");
            }
        }

        @Override
        public byte[] fields(List<List<String>> paths) {
            return reading.transcoder().fieldsJson(paths, value, offset, value.length - offset);
        }
    }

    @Override
    public byte[] payloadFromJson(byte[] json, String messageType) {
        return AvroWriting.toAvro(json, schema, registered.id());
    }
}
