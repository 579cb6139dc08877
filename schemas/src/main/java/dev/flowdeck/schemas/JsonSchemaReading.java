package dev.flowdeck.schemas;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.flowdeck.core.decode.JsonLimits;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A JSON Schema from the registry: the payload after the frame is the JSON itself. It is checked to be JSON, then
 * validated against the schema (networknt's validator; draft 7 unless the schema's {@code $schema} says otherwise):
 * a value that breaks it is still shown, with what it breaks.
 */
record JsonSchemaReading(RegisteredSchema registered, Schema validator) implements SchemaReading {

    /** The first few failures are enough to see what is wrong; a value can break a schema in a thousand places. */
    private static final int ERRORS_SAID = 3;
    private static final ObjectMapper JSON = new ObjectMapper(JsonLimits.factory());
    /**
     * Never fetches a {@code $ref} over the network: validation runs on a scan's filter pool, once per record, and a
     * schema must not make a scan wait on (or call) a host it names. A remote reference fails the schema's parse.
     */
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
            builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)
                    .resourceLoaders(loaders -> loaders.values(list -> list.removeIf(
                            each -> each instanceof com.networknt.schema.resource.IriResourceLoader)))));

    static JsonSchemaReading of(RegisteredSchema registered) {
        try {
            return new JsonSchemaReading(registered, SCHEMAS.getSchema(registered.text(), InputFormat.JSON));
        } catch (RuntimeException e) {
            throw new SchemaProblem("JSON schema " + registered.id() + " from the registry does not parse ("
                    + e.getMessage() + "): its records cannot be checked until the schema is fixed.", e);
        }
    }

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

    @Override
    public Read read(byte[] value, int offset) {
        byte[] json = toJson(value, offset);
        return new Read(json, failures(json));
    }

    @Override
    public byte[] payloadFromJson(byte[] json, String messageType) {
        String failures;
        try {
            failures = failures(json);
        } catch (RuntimeException notJson) {
            throw new SchemaProblem("The value is not JSON (" + notJson.getMessage() + "): JSON schema "
                    + registered.id() + " needs a JSON document.", notJson);
        }
        if (failures != null) {
            throw new SchemaProblem("The value does not fit JSON schema " + registered.id() + ": " + failures);
        }
        return json;
    }

    /** What the JSON breaks, in a sentence; null when it fits. */
    private String failures(byte[] json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new SchemaProblem("The value is not JSON (" + e.getMessage() + ").", e);
        }
        List<Error> errors;
        try {
            errors = validator.validate(node);
        } catch (RuntimeException unresolved) { // a $ref that cannot be followed shows only now, while validating
            return "it could not be checked against JSON schema " + registered.id() + " (" + unresolved.getMessage()
                    + "): a $ref Flowdeck does not follow (it never fetches one from another host)?";
        }
        if (errors.isEmpty()) {
            return null;
        }
        String said = errors.stream().limit(ERRORS_SAID).map(JsonSchemaReading::sentence)
                .collect(Collectors.joining("; "));
        int more = errors.size() - ERRORS_SAID;
        return said + (more > 0 ? "; and " + more + " more" : "") + ".";
    }

    private static String sentence(Error error) {
        String where = error.getInstanceLocation() == null ? "$" : error.getInstanceLocation().toString();
        String message = error.getMessage();
        return message.startsWith(where) ? message : where + " " + message;
    }
}
