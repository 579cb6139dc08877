package dev.flowdeck.schemas;

import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/** An Avro schema from the registry, reading binary-encoded values (after the frame) straight into JSON. */
record AvroReading(RegisteredSchema registered, Schema schema, AvroTranscoder transcoder)
        implements SchemaReading {

    /** JSON is seldom more than a few times the Avro; past this much a count in the value is corrupt. */
    private static final int JSON_BUDGET_FACTOR = 64;
    private static final int JSON_BUDGET_FLOOR = 1024 * 1024;

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
        int budget = (int) Math.min(Integer.MAX_VALUE - 16,
                Math.max(JSON_BUDGET_FLOOR, (long) JSON_BUDGET_FACTOR * value.length));
        try {
            return transcoder.toJson(value, offset, value.length - offset, budget);
        } catch (AvroTranscoder.LeftOver leftOver) {
            throw new SchemaProblem("The value does not match Avro schema " + registered.id() + ": bytes are "
                    + "left over after the record was read (written with another schema under this id?).");
        } catch (IOException | RuntimeException e) { // cut short, a bad length or union index: not that schema
            String what = e instanceof AvroTranscoder.Malformed ? e.getMessage()
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            throw new SchemaProblem("The value does not match Avro schema " + registered.id() + " (" + what
                    + "): it is cut short or was written with another schema.", e);
        }
    }

    @Override
    public byte[] payloadFromJson(byte[] json, String messageType) {
        return AvroWriting.toAvro(json, schema, registered.id());
    }
}
