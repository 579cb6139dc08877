package dev.flowdeck.schemas;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.resource.InputStreamSource;
import com.networknt.schema.resource.IriResourceLoader;
import com.networknt.schema.resource.ResourceLoader;
import dev.flowdeck.core.decode.JsonLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A JSON Schema from the registry: the payload after the frame is the JSON itself. It is checked to be JSON, then
 * validated against the schema (networknt's validator; draft 7 unless the schema's {@code $schema} says otherwise):
 * a value that breaks it is still shown, with what it breaks. A {@code $ref} is followed to the schemas the
 * registry's {@code references} name, read from the registry with the schema; never to another host.
 */
record JsonSchemaReading(RegisteredSchema registered, Schema validator) implements SchemaReading {

    /** The first few failures are enough to see what is wrong; a value can break a schema in a thousand places. */
    private static final int ERRORS_SAID = 3;
    private static final ObjectMapper JSON = new ObjectMapper(JsonLimits.factory());
    /**
     * Never fetches a {@code $ref} over the network: validation runs on a scan's filter pool, once per record, and a
     * schema must not make a scan wait on (or call) a host it names. A remote reference fails the schema's parse.
     */
    private static final SchemaRegistry SCHEMAS = schemas(null);

    static JsonSchemaReading of(RegisteredSchema registered) {
        return of(registered, Map.of());
    }

    /**
     * @param referenced the schemas the registry's references name (references of references too), by subject
     *                   version ({@link #versionOf})
     */
    static JsonSchemaReading of(RegisteredSchema registered, Map<String, RegisteredSchema> referenced) {
        try {
            // Each schema with references gets validators of its own: its names (address.json...) mean its own
            // subjects' versions, and networknt keeps what it loaded by IRI.
            SchemaRegistry schemas = registered.references().isEmpty() ? SCHEMAS
                    : schemas(new RegistryReferences(registered, referenced));
            return new JsonSchemaReading(registered, schemas.getSchema(registered.text(), InputFormat.JSON));
        } catch (RuntimeException e) {
            throw new SchemaProblem("JSON schema " + registered.id() + " from the registry does not parse ("
                    + e.getMessage() + "): its records cannot be checked until the schema is fixed.", e);
        }
    }

    /** {@code customer v1}: how a reference's schema is found among those read with the schema. */
    static String versionOf(RegisteredSchema.Reference reference) {
        return reference.subject() + " v" + reference.version();
    }

    /** Validators that load no IRI from the network: only, where given, the registry's referenced schemas. */
    private static SchemaRegistry schemas(ResourceLoader references) {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
                builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)
                        .resourceLoaders(loaders -> loaders.values(list -> {
                            list.removeIf(each -> each instanceof IriResourceLoader);
                            if (references != null) {
                                list.addFirst(references);
                            }
                        }))));
    }

    /** The schema's own {@code $id} (draft 4: {@code id}), against which its relative names resolve; else empty. */
    private static String baseOf(String text) {
        try {
            JsonNode root = JSON.readTree(text);
            JsonNode id = root.has("$id") ? root.get("$id") : root.get("id");
            return id != null && id.isTextual() ? id.asText() : "";
        } catch (IOException | RuntimeException unparsable) {
            return ""; // the validator says what is wrong with it
        }
    }

    /**
     * The registry's referenced schemas, served by the IRI a {@code $ref} resolves to, never by a host. A reference's
     * name resolves as the validator resolves the {@code $ref} that uses it: against the {@code $id} of the schema
     * naming it, else against the IRI that schema was loaded by (the top schema has none: a name stays as it is,
     * {@code address.json}). A referenced schema's own references become known once it is loaded. Any other IRI
     * (another host's, a name no reference gives) finds nothing, and the value says so.
     */
    private static final class RegistryReferences implements ResourceLoader {

        private final Map<String, RegisteredSchema> byVersion;
        /** Filled as schemas load: the validator may load a {@code $ref} while validating, on any thread. */
        private final Map<String, RegisteredSchema> byIri = new ConcurrentHashMap<>();

        RegistryReferences(RegisteredSchema top, Map<String, RegisteredSchema> byVersion) {
            this.byVersion = byVersion;
            learn(top, baseOf(top.text()));
        }

        private void learn(RegisteredSchema schema, String base) {
            for (RegisteredSchema.Reference reference : schema.references()) {
                RegisteredSchema named = byVersion.get(versionOf(reference));
                if (named != null) {
                    String iri = base.isEmpty() ? reference.name() : AbsoluteIri.resolve(base, reference.name());
                    byIri.putIfAbsent(withoutFragment(iri), named);
                }
            }
        }

        @Override
        public InputStreamSource getResource(AbsoluteIri iri) {
            String wanted = withoutFragment(iri.toString());
            RegisteredSchema found = byIri.get(wanted);
            if (found == null) {
                return null; // not the registry's: never fetched
            }
            String own = baseOf(found.text());
            learn(found, own.isEmpty() ? wanted : own);
            byte[] text = found.text().getBytes(StandardCharsets.UTF_8);
            return () -> new ByteArrayInputStream(text);
        }

        private static String withoutFragment(String iri) {
            int hash = iri.indexOf('#');
            return hash < 0 ? iri : iri.substring(0, hash);
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
                    + "): a $ref Flowdeck does not follow? It follows those the registry's references name, and never "
                    + "fetches one from another host.";
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
