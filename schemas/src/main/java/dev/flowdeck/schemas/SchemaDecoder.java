package dev.flowdeck.schemas;

import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.decode.DecodedValue;
import dev.flowdeck.core.decode.SchemaAccess;
import dev.flowdeck.core.decode.ValueDecoder;
import dev.flowdeck.core.decode.ValueWriter;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a profile's Kafka values written in the schema registry's wire format into JSON: Avro and JSON Schema
 * through the registry's schema, Protobuf through its serialized descriptor or the operator's descriptor set. Per
 * record: a value that starts with the magic byte is read (or a topic's format says how); one that cannot be read
 * comes back with a sentence saying why, and the scan goes on. Schemas are cached by id ({@link SchemaCache}).
 *
 * <p>Thread-safe; called on browse filter pools.
 */
public final class SchemaDecoder implements ValueDecoder, ValueWriter {

    /** Enough for every schema a cluster's topics use at once; the least recently used is fetched again. */
    static final int CACHE_CAPACITY = 1_000;

    /** Replaced whole when the operator chooses a topic's format ("Decode as"); read once per record. */
    private volatile SchemaSettings settings;
    private final SchemaRegistryClient registry;
    /** The descriptor set's files (and why it could not be read): replaced when the operator names another. */
    private volatile ProtoFiles protoFiles;
    private volatile String protoFilesProblem;
    private volatile SchemaCache cache;

    public SchemaDecoder(SchemaSettings settings) {
        this.settings = settings;
        this.registry = settings.registryUrl()
                .map(url -> new SchemaRegistryClient(url, settings.username(), settings.password())).orElse(null);
        ProtoFiles files = ProtoFiles.wellKnownOnly();
        String problem = null;
        if (settings.descriptorSet().isPresent()) {
            try {
                files = ProtoFiles.read(settings.descriptorSet().get());
            } catch (SchemaProblem unreadable) {
                problem = unreadable.getMessage(); // said on every Protobuf record that needs it
            }
        }
        this.protoFiles = files;
        this.protoFilesProblem = problem;
        this.cache = new SchemaCache(this::load, CACHE_CAPACITY, System::nanoTime);
    }

    /**
     * The decoder a profile's settings ask for, or {@link ValueDecoder#NONE} when it names no registry, descriptor
     * set or topic format (then nothing changes, at no cost). The profile must be resolved (its registry password
     * read from the keychain).
     */
    public static ValueDecoder forProfile(ConnectionProfile profile) {
        SchemaSettings settings = SchemaSettings.of(profile);
        return settings.configured() ? new SchemaDecoder(settings) : ValueDecoder.NONE;
    }

    /**
     * What writes a profile's edited values back in their schema (a replay's transforms), or
     * {@link ValueWriter#NONE} when the profile names no registry.
     */
    public static ValueWriter writerFor(ConnectionProfile profile) {
        SchemaSettings settings = SchemaSettings.of(profile);
        return settings.registryUrl().isPresent() ? new SchemaDecoder(settings) : ValueWriter.NONE;
    }

    public Optional<SchemaRegistryClient> registry() {
        return Optional.ofNullable(registry);
    }

    public SchemaSettings settings() {
        return settings;
    }

    /**
     * Reads Protobuf schemas (and unframed Protobuf values) with this descriptor set from now on, or with none
     * ({@code null}). Reads the file: call it off the FX thread. Schemas parsed with the old set are parsed again.
     *
     * @throws SchemaProblem the file cannot be read or is not a descriptor set; the old set stays
     */
    public void useDescriptorSet(Path descriptorSet) {
        useDescriptorSet(descriptorSet, descriptorSet == null ? ProtoFiles.wellKnownOnly()
                : ProtoFiles.read(descriptorSet));
    }

    /** As {@link #useDescriptorSet(Path)}, with the file already read (outside any lock). */
    synchronized void useDescriptorSet(Path descriptorSet, ProtoFiles files) {
        protoFiles = files;
        protoFilesProblem = null;
        settings = settings.withDescriptorSet(Optional.ofNullable(descriptorSet));
        cache = new SchemaCache(this::load, CACHE_CAPACITY, System::nanoTime);
    }

    /**
     * Reads {@code topic} as {@code format} from now on ({@code auto}, {@code avro}, {@code protobuf:shop.Payment}...):
     * the browser's "Decode as". Cached schemas stay.
     *
     * @throws IllegalArgumentException a sentence when {@code format} is none of the formats
     */
    public void useTopicFormat(String topic, String format) {
        settings = settings.withTopicFormat(topic, format);
    }

    @Override
    public DecodedValue decode(String topic, byte[] value) {
        String invalid = settings.invalidFormats().get(topic);
        if (invalid != null && value != null) {
            return DecodedValue.failed("Topic format", -1, invalid);
        }
        SchemaSettings now = settings;
        TopicFormat format = now.formatOf(topic);
        if (!format.readsThroughSchema() || value == null) {
            return null; // a tombstone has nothing to read
        }
        if (format == TopicFormat.AUTO && !WireFrame.looksFramed(value)) {
            return null; // plain JSON, text or binary: shown as it is
        }
        String formatName = formatName(format);
        String messageType = now.messageTypeOf(topic);
        if (format == TopicFormat.PROTOBUF && !messageType.isEmpty() && !WireFrame.looksFramed(value)) {
            return unframedProtobuf(messageType, value);
        }
        int schemaId = -1;
        try {
            WireFrame frame = WireFrame.read(value);
            schemaId = frame.schemaId();
            SchemaReading reading = schema(schemaId);
            formatName = reading.format();
            String expected = format.registryType();
            if (expected != null && !expected.equals(reading.registered().type())) {
                throw new SchemaProblem("Schema " + schemaId + " is " + reading.format() + ", but this topic's "
                        + "format says " + formatName(format) + ": change the topic's format to auto.");
            }
            // Avro is checked here and its JSON made when first asked for (decision 0021); the others read it now.
            return reading.read(value, frame.payloadOffset()).decoded(reading.format(), schemaId,
                    subjectNote(reading), reading.registered().text());
        } catch (SchemaProblem problem) {
            return DecodedValue.failed(formatName, schemaId, problem.getMessage());
        } catch (RuntimeException unexpected) { // a library's surprise must not end the scan: said on this record
            return DecodedValue.failed(formatName, schemaId, "The value could not be read (" + unexpected
                    + "): Flowdeck shows its bytes in Hex.");
        }
    }

    /** Protobuf written without the registry's frame: the message type the topic's format names. */
    private DecodedValue unframedProtobuf(String messageType, byte[] value) {
        try {
            if (protoFilesProblem != null) {
                throw new SchemaProblem(protoFilesProblem);
            }
            var type = protoFiles.message(messageType).orElseThrow(() -> new SchemaProblem("The topic's format "
                    + "names Protobuf message " + messageType + ", which is not in the profile's descriptor set: "
                    + (settings.descriptorSet().isEmpty() ? "give one (" + SchemaSettings.PROTOBUF_DESCRIPTORS + ")."
                    : "check the name, or give a descriptor set that has it.")));
            return ProtobufReading.readUnframed(type, value).decoded("Protobuf", -1, messageType, "");
        } catch (SchemaProblem problem) {
            return DecodedValue.failed("Protobuf", -1, problem.getMessage());
        }
    }

    /**
     * The operator's JSON in the wire format of the schema they chose (an id, or a subject's version): Avro and
     * Protobuf written from the JSON, JSON Schema validated and framed as it is.
     *
     * @throws SchemaProblem the schema cannot be found or the JSON does not fit it, in a sentence
     */
    public SchemaAccess.Encoded encode(SchemaAccess.SchemaChoice choice, byte[] json) {
        int id = choice.schemaId();
        if (id < 0) {
            if (registry == null) {
                throw new SchemaProblem("This profile names no schema registry to find " + choice.subject() + " in.");
            }
            if (choice.subject().isBlank()) {
                throw new SchemaProblem("Choose a subject (such as orders-value) or a schema id to encode with.");
            }
            id = registry.version(choice.subject().strip(), choice.version()).id();
        }
        SchemaReading reading = schema(id);
        byte[] payload = reading.payloadFromJson(json, choice.messageType());
        return new SchemaAccess.Encoded(WireFrame.frame(id, payload), id, reading.format());
    }

    /**
     * Writes JSON back as Avro in the wire format of {@code schemaId}: what a replay or a produce sends when the
     * operator edited a value that was read from Avro, so it goes out as it came, never as JSON.
     *
     * @throws SchemaProblem the schema is not Avro or the JSON does not fit it, in a sentence
     */
    public byte[] encodeAvro(int schemaId, byte[] json) {
        if (!(schema(schemaId) instanceof AvroReading avro)) {
            throw new SchemaProblem("Schema " + schemaId + " is not Avro: Flowdeck writes values back as Avro only.");
        }
        return WireFrame.frame(schemaId, AvroWriting.toAvro(json, avro.schema(), schemaId));
    }

    /**
     * Writes an edited value back with the schema id it was read with: Avro and Protobuf from the JSON (Protobuf as
     * the message its message indexes named when it was read, so with the same indexes), JSON Schema validated and
     * framed. Never sent as JSON: what does not fit is refused with the reason.
     */
    @Override
    public byte[] write(DecodedValue read, byte[] json) {
        if (!read.isRead() || read.schemaId() < 0) {
            throw new IllegalArgumentException("The value could not be read through its schema (" + read.note()
                    + "), so Flowdeck cannot write it back in that schema.");
        }
        try {
            return encode(SchemaAccess.SchemaChoice.id(read.schemaId()).withMessageType(read.messageType()), json)
                    .value();
        } catch (SchemaProblem problem) {
            throw new IllegalArgumentException(problem.getMessage() + " The value is not sent as JSON.", problem);
        }
    }

    /** A schema and its subject note, made once: a scan decodes millions of records of one schema. */
    private record Noted(SchemaReading reading, String note) {
    }

    private volatile Noted lastNoted;

    /** {@code payments-value v3} for the schema's records, without building the text again for each. */
    private String subjectNote(SchemaReading reading) {
        Noted noted = lastNoted;
        if (noted == null || noted.reading() != reading) {
            noted = new Noted(reading, reading.registered().subjectNote());
            lastNoted = noted;
        }
        return noted.note();
    }

    SchemaReading schema(int id) {
        return cache.get(id);
    }

    private SchemaReading load(int id) {
        if (registry == null) {
            throw new SchemaProblem("The value is in the schema registry's wire format (schema id " + id + "), but "
                    + "this profile names no schema registry: set its URL (" + SchemaSettings.REGISTRY_URL + ").");
        }
        RegisteredSchema registered = registry.schema(id);
        return switch (registered.type()) {
            case "AVRO" -> AvroReading.of(registered, List.copyOf(references(registered).values()));
            case "JSON" -> JsonSchemaReading.of(registered, references(registered));
            case "PROTOBUF" -> {
                if (registered.descriptor() == null && protoFilesProblem != null) {
                    throw new SchemaProblem(protoFilesProblem);
                }
                yield ProtobufReading.of(registered, protoFiles,
                        protoReferences(registered, id, new HashMap<>(), new HashSet<>()));
            }
            default -> throw new SchemaProblem("Schema " + id + " is of type " + registered.type() + ", which Flowdeck "
                    + "does not read (Avro, Protobuf and JSON Schema only).");
        };
    }

    /** References nest (a type using a type...), but not deeper than this: a cycle says so instead of looping. */
    private static final int MAX_REFERENCE_DEPTH = 32;

    /**
     * Every schema {@code schema} refers to through the registry's references, references of references too, each
     * fetched once, by subject version ({@code customer v1}, {@link JsonSchemaReading#versionOf}), each after the
     * schemas it refers to: the order Avro's parser needs them in. A JSON Schema's validator finds them by the
     * references' names.
     */
    private Map<String, RegisteredSchema> references(RegisteredSchema schema) {
        Map<String, RegisteredSchema> found = new LinkedHashMap<>();
        collectReferences(schema, schema.id(), found, new HashSet<>(), 0);
        return found;
    }

    private void collectReferences(RegisteredSchema schema, int rootId, Map<String, RegisteredSchema> found,
                                   Set<String> seen, int depth) {
        for (RegisteredSchema.Reference reference : schema.references()) {
            String version = JsonSchemaReading.versionOf(reference);
            if (!seen.add(version)) {
                continue;
            }
            RegisteredSchema referenced = referenced(reference, rootId, depth, false);
            collectReferences(referenced, rootId, found, seen, depth + 1);
            found.put(version, referenced);
        }
    }

    /**
     * The files a Protobuf schema imports through the registry's references, built with their own references, by
     * the import names the schema uses. A reference the registry serves as text only is left to the descriptor set.
     * Each referenced subject version is fetched and built once however many files import it ({@code built}); one
     * that comes back on its own path is a cycle, said at once ({@code onPath}).
     */
    private Map<String, FileDescriptor> protoReferences(RegisteredSchema schema, int rootId,
                                                        Map<String, FileDescriptor> built, Set<String> onPath) {
        Map<String, FileDescriptor> files = new HashMap<>();
        for (RegisteredSchema.Reference reference : schema.references()) {
            String version = reference.subject() + " v" + reference.version();
            FileDescriptor file = built.get(version);
            if (file == null) {
                if (!onPath.add(version)) {
                    throw new SchemaProblem("Schema " + rootId + "'s references come back to " + version
                            + " (a cycle): its records cannot be read until the references are fixed.");
                }
                RegisteredSchema referenced = referenced(reference, rootId, onPath.size() - 1, true);
                if (referenced.descriptor() != null) {
                    file = protoFiles.build(ProtobufReading.descriptorOf(referenced), rootId,
                            protoReferences(referenced, rootId, built, onPath));
                    built.put(version, file);
                }
                onPath.remove(version);
            }
            if (file != null) {
                files.put(reference.name(), file);
            }
        }
        return files;
    }

    private RegisteredSchema referenced(RegisteredSchema.Reference reference, int rootId, int depth,
                                        boolean withDescriptor) {
        if (depth >= MAX_REFERENCE_DEPTH) {
            throw new SchemaProblem("Schema " + rootId + "'s references go more than " + MAX_REFERENCE_DEPTH
                    + " levels deep (a cycle?): its records cannot be read.");
        }
        try {
            return registry.version(reference.subject(), reference.version(), withDescriptor);
        } catch (SchemaProblem missing) {
            throw new SchemaProblem("Schema " + rootId + " refers to " + reference.name() + " (" + reference.subject()
                    + " v" + reference.version() + "), which could not be read: " + missing.getMessage(), missing);
        }
    }

    private static String formatName(TopicFormat format) {
        return switch (format) {
            case AVRO -> "Avro";
            case PROTOBUF -> "Protobuf";
            case JSON_SCHEMA -> "JSON Schema";
            default -> "Schema registry frame";
        };
    }
}
