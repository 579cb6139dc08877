package dev.flowdeck.schemas;

import com.fasterxml.jackson.core.JsonParser;
import dev.flowdeck.core.decode.JsonLimits;
import java.io.IOException;
import java.util.Arrays;

/**
 * A JSON Schema from the registry: the payload after the frame is the JSON itself. It is checked to be JSON, not
 * validated against the schema (the schema is shown beside it).
 */
record JsonSchemaReading(RegisteredSchema registered) implements SchemaReading {

    @Override
    public String format() {
        return "JSON Schema";
    }

    @Override
    public byte[] toJson(byte[] value, int offset) {
        byte[] json = Arrays.copyOfRange(value, offset, value.length);
        try (JsonParser parser = JsonLimits.factory().createParser(json)) {
            if (parser.nextToken() == null) {
                throw new SchemaProblem("The value holds no JSON after the frame of JSON schema " + registered.id()
                        + ".");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new SchemaProblem("The value has more than one JSON document after its frame.");
            }
        } catch (IOException e) {
            throw new SchemaProblem("The value is not JSON after the frame of JSON schema " + registered.id() + " ("
                    + e.getMessage() + ").", e);
        }
        return json;
    }
}
