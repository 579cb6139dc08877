package dev.flowdeck.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * JSON, in the shape {@link AvroTranscoder} writes it, back to Avro's binary encoding: the inverse, so a value read, edited
 * and sent again keeps its schema. A missing field takes the schema's default; a union takes the first branch the
 * JSON fits.
 */
final class AvroWriting {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

    private AvroWriting() {
    }

    static byte[] toAvro(byte[] json, Schema schema, int schemaId) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (IOException e) {
            throw new SchemaProblem("The edited value is not JSON (" + e.getMessage() + "): Avro schema " + schemaId
                    + " cannot write it.", e);
        }
        Object datum = datum(tree, schema, "$");
        var out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<>(schema).write(datum, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SchemaProblem("The edited value does not fit Avro schema " + schemaId + " (" + e.getMessage()
                    + ").", e);
        }
        return out.toByteArray();
    }

    private static Object datum(JsonNode node, Schema schema, String path) {
        boolean absent = node == null || node.isMissingNode() || node.isNull();
        switch (schema.getType()) {
            case NULL -> {
                if (!absent) {
                    throw mismatch(path, "null", node);
                }
                return null;
            }
            case UNION -> {
                for (Schema branch : schema.getTypes()) {
                    if (fits(node, branch)) {
                        return datum(node, branch, path);
                    }
                }
                throw mismatch(path, schema.toString(), node);
            }
            default -> {
                if (absent) {
                    throw mismatch(path, schema.getType().getName(), node);
                }
            }
        }
        return switch (schema.getType()) {
            case RECORD -> {
                if (!node.isObject()) {
                    throw mismatch(path, "an object (record " + schema.getName() + ")", node);
                }
                GenericData.Record record = new GenericData.Record(schema);
                for (Schema.Field field : schema.getFields()) {
                    JsonNode value = node.get(field.name());
                    if ((value == null || value.isMissingNode()) && field.hasDefaultValue()) {
                        record.put(field.pos(), GenericData.get().getDefaultValue(field));
                    } else {
                        record.put(field.pos(), datum(value, field.schema(), path + "." + field.name()));
                    }
                }
                yield record;
            }
            case ARRAY -> {
                if (!node.isArray()) {
                    throw mismatch(path, "an array", node);
                }
                List<Object> items = new ArrayList<>(node.size());
                int i = 0;
                for (JsonNode item : node) {
                    items.add(datum(item, schema.getElementType(), path + "[" + i++ + "]"));
                }
                yield new GenericData.Array<>(schema, items);
            }
            case MAP -> {
                if (!node.isObject()) {
                    throw mismatch(path, "an object (map)", node);
                }
                Map<String, Object> map = new LinkedHashMap<>(); // the JSON's order, as it was read
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    var entry = it.next();
                    map.put(entry.getKey(), datum(entry.getValue(), schema.getValueType(),
                            path + "." + entry.getKey()));
                }
                yield map;
            }
            case ENUM -> {
                if (!node.isTextual() || !schema.hasEnumSymbol(node.asText())) {
                    throw mismatch(path, "one of " + schema.getEnumSymbols(), node);
                }
                yield new GenericData.EnumSymbol(schema, node.asText());
            }
            case FIXED -> {
                byte[] bytes = base64(node, path);
                if (bytes.length != schema.getFixedSize()) {
                    throw mismatch(path, schema.getFixedSize() + " bytes (base64)", node);
                }
                yield new GenericData.Fixed(schema, bytes);
            }
            case BYTES -> {
                if (schema.getLogicalType() instanceof LogicalTypes.Decimal decimal && node.isNumber()) {
                    BigDecimal number = node.decimalValue().setScale(decimal.getScale(), RoundingMode.UNNECESSARY);
                    yield DECIMALS.toBytes(number, schema, decimal);
                }
                yield ByteBuffer.wrap(base64(node, path));
            }
            case STRING -> {
                if (!node.isTextual()) {
                    throw mismatch(path, "a string", node);
                }
                yield node.asText();
            }
            case INT -> {
                if (!node.canConvertToInt() || !node.isIntegralNumber()) {
                    throw mismatch(path, "an int", node);
                }
                yield node.intValue();
            }
            case LONG -> {
                if (!node.canConvertToLong() || !node.isIntegralNumber()) {
                    throw mismatch(path, "a long", node);
                }
                yield node.longValue();
            }
            case FLOAT -> (float) floating(node, path);
            case DOUBLE -> floating(node, path);
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    throw mismatch(path, "true or false", node);
                }
                yield node.booleanValue();
            }
            case NULL, UNION -> throw new IllegalStateException("handled above");
        };
    }

    /** Whether the JSON could be this union branch: by its JSON kind, so {@code ["null","string"]} takes "x". */
    private static boolean fits(JsonNode node, Schema branch) {
        boolean absent = node == null || node.isMissingNode() || node.isNull();
        return switch (branch.getType()) {
            case NULL -> absent;
            case RECORD, MAP -> !absent && node.isObject();
            case ARRAY -> !absent && node.isArray();
            case ENUM -> !absent && node.isTextual() && branch.hasEnumSymbol(node.asText());
            case STRING, FIXED -> !absent && node.isTextual();
            case BYTES -> !absent && (node.isTextual() || (node.isNumber() && branch.getLogicalType() != null));
            case INT -> !absent && node.isIntegralNumber() && node.canConvertToInt();
            case LONG -> !absent && node.isIntegralNumber() && node.canConvertToLong();
            case FLOAT, DOUBLE -> !absent && (node.isNumber() || nonFinite(node));
            case BOOLEAN -> !absent && node.isBoolean();
            case UNION -> false;
        };
    }

    /** A number, or the text JSON has to say NaN and the infinities (as the transcoder writes them). */
    private static double floating(JsonNode node, String path) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (nonFinite(node)) {
            return Double.parseDouble(node.asText());
        }
        throw mismatch(path, "a number", node);
    }

    private static boolean nonFinite(JsonNode node) {
        return node != null && node.isTextual() && switch (node.asText()) {
            case "NaN", "Infinity", "-Infinity" -> true;
            default -> false;
        };
    }

    private static byte[] base64(JsonNode node, String path) {
        if (!node.isTextual()) {
            throw mismatch(path, "base64 text", node);
        }
        try {
            return Base64.getDecoder().decode(node.asText());
        } catch (IllegalArgumentException e) {
            throw mismatch(path, "base64 text", node);
        }
    }

    private static SchemaProblem mismatch(String path, String expected, JsonNode found) {
        String shown = found == null || found.isMissingNode() ? "nothing" : found.toString();
        if (shown.length() > 60) {
            shown = shown.substring(0, 57) + "...";
        }
        return new SchemaProblem("The edited value does not fit its Avro schema at " + path + ": it needs "
                + expected + ", found " + shown + ".");
    }
}
