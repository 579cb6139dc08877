package dev.flowdeck.schemas;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/** An Avro schema from the registry, reading binary-encoded values (after the frame) into JSON. */
record AvroReading(RegisteredSchema registered, Schema schema, GenericDatumReader<Object> reader)
        implements SchemaReading {

    private static final JsonFactory JSON = new JsonFactory();
    /** A decoder per thread, reused: the filter pool reads millions of values. */
    private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();

    static AvroReading of(RegisteredSchema registered) {
        try {
            Schema schema = new Schema.Parser().parse(registered.text());
            return new AvroReading(registered, schema, new GenericDatumReader<>(schema));
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
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(value, offset, value.length - offset,
                DECODERS.get());
        DECODERS.set(decoder);
        Object datum;
        try {
            datum = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new SchemaProblem("The value does not match Avro schema " + registered.id() + ": bytes are "
                        + "left over after the record was read (written with another schema under this id?).");
            }
        } catch (IOException | RuntimeException e) { // EOF, a bad length or union index: the bytes are not that schema
            if (e instanceof SchemaProblem problem) {
                throw problem;
            }
            throw new SchemaProblem("The value does not match Avro schema " + registered.id() + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "): it is cut short or was written with another schema.", e);
        }
        var out = new ByteArrayOutputStream(Math.max(64, value.length * 2));
        try (JsonGenerator json = JSON.createGenerator(out)) {
            AvroJson.write(datum, schema, json);
        } catch (IOException | RuntimeException e) {
            throw new SchemaProblem("The Avro value of schema " + registered.id() + " could not be shown as JSON ("
                    + e.getMessage() + ").", e);
        }
        return out.toByteArray();
    }
}
