package dev.flowdeck.schemas;

import dev.flowdeck.core.broker.ConnectionProfile;
import dev.flowdeck.core.broker.Failures;
import dev.flowdeck.core.decode.SchemaAccess;
import dev.flowdeck.core.decode.ValueDecoder;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One Kafka connection's schemas as the browser sees them ({@link SchemaAccess}): its decoder, installed on the
 * connection and replaced there when the operator chooses how a topic is read ("Decode as"), the choice saved in
 * the profile ({@code flowdeck.schema.format.<topic>}, what the command line reads too), the registry's versions
 * for the Schema tab, and the produce dialog's encoding.
 *
 * <p>Thread-safe. {@link #useFormat} returns at once; the profile is saved by the {@link FormatStore}, off the FX
 * thread.
 */
public final class ProfileSchemas implements SchemaAccess {

    /** Saves one of the profile's {@code flowdeck.schema.*} properties (the composition root's profile catalog). */
    @FunctionalInterface
    public interface FormatStore {

        /** A profile that is not saved (the sandbox, one from the command line): the choice lasts the session. */
        FormatStore SESSION_ONLY = (property, value) -> CompletableFuture.completedFuture(null);

        /** @param value the property's new value; null removes it */
        CompletionStage<Void> save(String property, String value);
    }

    private final SchemaDecoder decoder;
    private final Consumer<ValueDecoder> install;
    private final FormatStore store;

    /**
     * @param profile the resolved profile (its registry password read from the keychain)
     * @param install puts a decoder on the connection (its browses from then on), such as the Kafka connection's
     *                {@code decodingValuesWith}
     */
    public ProfileSchemas(ConnectionProfile profile, Consumer<ValueDecoder> install, FormatStore store) {
        this.decoder = new SchemaDecoder(SchemaSettings.of(profile));
        this.install = Objects.requireNonNull(install, "install");
        this.store = Objects.requireNonNull(store, "store");
        install.accept(decoder());
    }

    @Override
    public String formatOf(String topic) {
        return decoder.settings().formatText(topic);
    }

    @Override
    public synchronized CompletionStage<ValueDecoder> useFormat(String topic, String format) {
        String stored;
        try {
            decoder.useTopicFormat(topic, format);
            stored = decoder.settings().formatText(topic);
        } catch (IllegalArgumentException invalid) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("Topic " + topic + " cannot be read "
                    + "as " + format + ": " + invalid.getMessage(), invalid));
        }
        ValueDecoder now = decoder();
        install.accept(now);
        String value = stored.equals("auto") ? null : stored;
        return store.save(SchemaSettings.TOPIC_FORMAT + topic, value).handle((saved, failure) -> {
            if (failure != null) {
                throw new IllegalArgumentException("Topic " + topic + " is read as " + stored + " in this session, "
                        + "but the profile could not keep it: " + Failures.sentence(failure),
                        failure);
            }
            return now;
        });
    }

    @Override
    public String descriptorSet() {
        return decoder.settings().descriptorSet().map(Object::toString).orElse("");
    }

    /**
     * Reads the file here, on the caller's thread (a background one): never call it on the FX thread. The file is
     * read before the lock is taken, which the FX thread's {@link #useFormat} takes too.
     */
    @Override
    public CompletionStage<ValueDecoder> useDescriptorSet(String path) {
        Path file;
        ProtoFiles files;
        try {
            file = path == null || path.isBlank() ? null : Path.of(path.strip());
            files = file == null ? ProtoFiles.wellKnownOnly() : ProtoFiles.read(file);
        } catch (SchemaProblem | InvalidPathException unreadable) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(unreadable.getMessage(), unreadable));
        }
        ValueDecoder now;
        synchronized (this) {
            decoder.useDescriptorSet(file, files);
            now = decoder();
            install.accept(now);
        }
        return store.save(SchemaSettings.PROTOBUF_DESCRIPTORS, file == null ? null : file.toString())
                .handle((saved, failure) -> {
                    if (failure != null) {
                        throw new IllegalArgumentException("The descriptor set is used in this session, but the "
                                + "profile could not keep it: " + Failures.sentence(failure),
                                failure);
                    }
                    return now;
                });
    }

    /** The decoder itself while anything is configured; else none at all, so a plain profile's scans cost nothing. */
    @Override
    public ValueDecoder decoder() {
        return decoder.settings().configured() ? decoder : ValueDecoder.NONE;
    }

    /** What writes edited values back (replay transforms) with this connection's registry. */
    public SchemaDecoder schemaDecoder() {
        return decoder;
    }

    @Override
    public boolean hasRegistry() {
        return decoder.registry().isPresent();
    }

    @Override
    public SchemaVersions versionsOf(int schemaId) {
        SchemaRegistryClient registry = registry();
        try {
            List<SubjectVersions> subjects = new ArrayList<>();
            List<RegisteredSchema.SubjectVersion> filed = registry.subjectsOf(schemaId);
            if (filed.isEmpty()) {
                registry.schema(schemaId); // an id the registry does not have says so; one it does not file: none
            }
            for (RegisteredSchema.SubjectVersion each : filed) {
                subjects.add(new SubjectVersions(each.subject(), each.version(), registry.versions(each.subject())));
            }
            return new SchemaVersions(schemaId, subjects);
        } catch (SchemaProblem problem) {
            throw new IllegalArgumentException(problem.getMessage(), problem);
        }
    }

    @Override
    public SchemaVersion version(String subject, int version) {
        try {
            RegisteredSchema found = registry().version(subject, version);
            return new SchemaVersion(subject, found.subjects().getFirst().version(), found.id(),
                    formatName(found.type()), found.text());
        } catch (SchemaProblem problem) {
            throw new IllegalArgumentException(problem.getMessage(), problem);
        }
    }

    /**
     * A Protobuf message type the choice does not name is the one the topic's format names
     * ({@code protobuf:shop.Refund}, "Decode as"): what the operator said the topic holds. With neither, a schema of
     * several messages is refused rather than guessed.
     */
    @Override
    public Encoded encode(String topic, SchemaChoice choice, byte[] json) {
        SchemaChoice named = choice.messageType().isBlank()
                ? choice.withMessageType(decoder.settings().messageTypeOf(topic)) : choice;
        try {
            return decoder.encode(named, json);
        } catch (SchemaProblem problem) {
            throw new IllegalArgumentException(problem.getMessage() + " Nothing was sent.", problem);
        }
    }

    private SchemaRegistryClient registry() {
        return decoder.registry().orElseThrow(() -> new IllegalArgumentException("This profile names no schema "
                + "registry: set its URL (" + SchemaSettings.REGISTRY_URL + ") to see a schema's versions."));
    }

    static String formatName(String registryType) {
        return switch (registryType) {
            case "PROTOBUF" -> "Protobuf";
            case "JSON" -> "JSON Schema";
            default -> "Avro";
        };
    }
}
