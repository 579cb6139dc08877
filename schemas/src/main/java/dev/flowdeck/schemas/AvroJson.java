package dev.flowdeck.schemas;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * An Avro datum as plain JSON, the shape JSONPath filters and correlation keys expect: a record is an object, a
 * union is its branch's value (no {@code {"string": ...}} wrapper as in Avro's own JSON encoding), an enum its
 * symbol, bytes and fixed are base64, a decimal its number. Non-finite floats become strings, as JSON has none.
 */
final class AvroJson {

    private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

    private AvroJson() {
    }

    static void write(Object datum, Schema schema, JsonGenerator out) throws IOException {
        switch (schema.getType()) {
            case RECORD -> {
                GenericRecord record = (GenericRecord) datum;
                out.writeStartObject();
                for (Schema.Field field : schema.getFields()) {
                    out.writeFieldName(field.name());
                    write(record.get(field.pos()), field.schema(), out);
                }
                out.writeEndObject();
            }
            case UNION -> write(datum, schema.getTypes().get(
                    org.apache.avro.generic.GenericData.get().resolveUnion(schema, datum)), out);
            case ARRAY -> {
                out.writeStartArray();
                for (Object item : (Collection<?>) datum) {
                    write(item, schema.getElementType(), out);
                }
                out.writeEndArray();
            }
            case MAP -> {
                out.writeStartObject();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) datum).entrySet()) {
                    out.writeFieldName(entry.getKey().toString());
                    write(entry.getValue(), schema.getValueType(), out);
                }
                out.writeEndObject();
            }
            case ENUM -> out.writeString(((GenericEnumSymbol<?>) datum).toString());
            case FIXED -> writeBytes(ByteBuffer.wrap(((GenericFixed) datum).bytes()), schema, out);
            case BYTES -> writeBytes(((ByteBuffer) datum).duplicate(), schema, out);
            case STRING -> out.writeString(datum.toString());
            case INT -> out.writeNumber((Integer) datum);
            case LONG -> out.writeNumber((Long) datum);
            case FLOAT -> writeDouble((Float) datum, out);
            case DOUBLE -> writeDouble((Double) datum, out);
            case BOOLEAN -> out.writeBoolean((Boolean) datum);
            case NULL -> out.writeNull();
        }
    }

    private static void writeBytes(ByteBuffer bytes, Schema schema, JsonGenerator out) throws IOException {
        if (schema.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
            BigDecimal number = DECIMALS.fromBytes(bytes, schema, decimal);
            out.writeNumber(number);
            return;
        }
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        out.writeString(Base64.getEncoder().encodeToString(copy));
    }

    private static void writeDouble(double value, JsonGenerator out) throws IOException {
        if (Double.isFinite(value)) {
            out.writeNumber(value);
        } else {
            out.writeString(Double.toString(value));
        }
    }
}
