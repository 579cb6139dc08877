package dev.flowdeck.schemas;

import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.decode.DecodedValue;
import dev.flowdeck.core.decode.ValueDecoder;
import dev.flowdeck.core.decode.ValueWriter;
import java.util.Optional;

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

    private final SchemaSettings settings;
    private final SchemaRegistryClient registry;
    private final ProtoFiles protoFiles;
    private final String protoFilesProblem;
    private final SchemaCache cache;

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

    @Override
    public DecodedValue decode(String topic, byte[] value) {
        String invalid = settings.invalidFormats().get(topic);
        if (invalid != null && value != null) {
            return DecodedValue.failed("Topic format", -1, invalid);
        }
        TopicFormat format = settings.formatOf(topic);
        if (!format.readsThroughSchema() || value == null) {
            return null; // a tombstone has nothing to read
        }
        if (format == TopicFormat.AUTO && !WireFrame.looksFramed(value)) {
            return null; // plain JSON, text or binary: shown as it is
        }
        String formatName = formatName(format);
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
            byte[] json = reading.toJson(value, frame.payloadOffset());
            return DecodedValue.read(reading.format(), schemaId, subjectNote(reading), reading.registered().text(),
                    json);
        } catch (SchemaProblem problem) {
            return DecodedValue.failed(formatName, schemaId, problem.getMessage());
        }
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

    /** Avro only for now: a Protobuf or JSON Schema value is refused with the reason, never sent as JSON. */
    @Override
    public byte[] write(DecodedValue read, byte[] json) {
        if (!read.isRead() || read.schemaId() < 0) {
            throw new IllegalArgumentException("The value could not be read through its schema (" + read.note()
                    + "), so Flowdeck cannot write it back in that schema.");
        }
        if (!read.format().equals("Avro")) {
            throw new IllegalArgumentException("The value is " + read.note() + ": Flowdeck writes edited values "
                    + "back as Avro only so far, and will not send it as JSON. Replay it unchanged, or replace it "
                    + "with bytes of your own.");
        }
        try {
            return encodeAvro(read.schemaId(), json);
        } catch (SchemaProblem problem) {
            throw new IllegalArgumentException(problem.getMessage(), problem);
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
            case "AVRO" -> AvroReading.of(registered);
            case "JSON" -> new JsonSchemaReading(registered);
            case "PROTOBUF" -> {
                if (registered.descriptor() == null && protoFilesProblem != null) {
                    throw new SchemaProblem(protoFilesProblem);
                }
                yield ProtobufReading.of(registered, protoFiles);
            }
            default -> throw new SchemaProblem("Schema " + id + " is of type " + registered.type() + ", which Flowdeck "
                    + "does not read (Avro, Protobuf and JSON Schema only).");
        };
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
