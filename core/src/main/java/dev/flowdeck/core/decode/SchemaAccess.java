package dev.flowdeck.core.decode;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What a browser may ask of its cluster's schemas beyond reading values (decision 0021): how a topic's values are
 * read ("Decode as"), where a schema id is filed and the other versions of its subject (the Schema tab), and a value
 * the operator wrote as JSON encoded in a schema's wire format (the Produce dialog). Implemented by the
 * {@code schemas} module, given to the views by the composition root; the views see only this.
 *
 * <p>{@link #versionsOf}, {@link #version} and {@link #encode} block on the registry (at most a few seconds): call
 * them off the FX thread. They throw {@link IllegalArgumentException} with a sentence for the operator.
 */
public interface SchemaAccess {

    /** No registry and no formats: values are shown as their bytes say, and produce sends what was typed. */
    SchemaAccess NONE = new SchemaAccess() {
        @Override
        public String formatOf(String topic) {
            return "auto";
        }

        @Override
        public CompletionStage<ValueDecoder> useFormat(String topic, String format) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "This connection reads no schemas: only a Kafka profile's topics have a format to choose."));
        }

        @Override
        public ValueDecoder decoder() {
            return ValueDecoder.NONE;
        }

        @Override
        public String descriptorSet() {
            return "";
        }

        @Override
        public CompletionStage<ValueDecoder> useDescriptorSet(String path) {
            return useFormat("", "");
        }

        @Override
        public boolean hasRegistry() {
            return false;
        }

        @Override
        public SchemaVersions versionsOf(int schemaId) {
            throw new IllegalArgumentException("This profile names no schema registry.");
        }

        @Override
        public SchemaVersion version(String subject, int version) {
            throw new IllegalArgumentException("This profile names no schema registry.");
        }

        @Override
        public Encoded encode(String topic, SchemaChoice choice, byte[] json) {
            throw new IllegalArgumentException("This profile names no schema registry to encode the value with.");
        }
    };

    /**
     * The formats a topic can be read as, in the words the profile stores ({@code flowdeck.schema.format.<topic>}):
     * a Protobuf format may name its message type, {@code protobuf:shop.Payment}.
     */
    List<String> FORMATS = List.of("auto", "avro", "protobuf", "json-schema", "json", "text", "binary");

    /** The topic's format as the profile says it: {@code auto} unless the operator chose one. */
    String formatOf(String topic);

    /**
     * Reads the topic as {@code format} from now on (every browse started after, and {@link #decoder()}) and saves it
     * in the profile where the profile is saved. Completes with the decoder to read kept rows again with, or fails
     * with a sentence (a format that is none of {@link #FORMATS}, a profile that could not be saved).
     */
    CompletionStage<ValueDecoder> useFormat(String topic, String format);

    /** The Protobuf descriptor set the profile names ({@code flowdeck.schema.protobuf.descriptors}), or empty. */
    String descriptorSet();

    /**
     * Reads Protobuf with this descriptor set from now on (blank: none) and saves it in the profile. Reads the file:
     * call it off the FX thread. Fails with a sentence when the file is not a descriptor set (the old one stays).
     */
    CompletionStage<ValueDecoder> useDescriptorSet(String path);

    /** The decoder as the formats now stand: what re-reads a browser's kept rows after a change. */
    ValueDecoder decoder();

    /** Whether a schema registry is configured (versions, encoding). */
    boolean hasRegistry();

    /** Where the registry files a schema id and every version of those subjects. Blocks. */
    SchemaVersions versionsOf(int schemaId);

    /** One version of a subject ({@code -1}: the latest). Blocks. */
    SchemaVersion version(String subject, int version);

    /**
     * The operator's JSON encoded in the wire format of the chosen schema: Avro and Protobuf written from the JSON,
     * JSON Schema validated then framed. Refused with a sentence when it does not fit, never sent as plain JSON.
     * Blocks.
     */
    Encoded encode(String topic, SchemaChoice choice, byte[] json);

    /** A subject of a schema id, the version that id is there, and every version of the subject, oldest first. */
    record SubjectVersions(String subject, int version, List<Integer> versions) {
        public SubjectVersions {
            versions = List.copyOf(versions);
        }
    }

    /** Where a schema id is filed: each subject that holds it (most registries: one). */
    record SchemaVersions(int schemaId, List<SubjectVersions> subjects) {
        public SchemaVersions {
            subjects = List.copyOf(subjects);
        }
    }

    /**
     * One version of a subject.
     *
     * @param format {@code Avro}, {@code Protobuf}, {@code JSON Schema}
     */
    record SchemaVersion(String subject, int version, int schemaId, String format, String text) {
    }

    /**
     * Which schema to encode with: a schema id, or a subject's version ({@code -1}: latest). A Protobuf message type
     * is named ({@code shop.Refund}); blank only does for a schema of one top-level message (else it is refused, never
     * guessed), or where the topic's format names one.
     */
    record SchemaChoice(int schemaId, String subject, int version, String messageType) {
        public static SchemaChoice id(int schemaId) {
            return new SchemaChoice(schemaId, "", -1, "");
        }

        public static SchemaChoice subject(String subject, int version) {
            return new SchemaChoice(-1, subject, version, "");
        }

        public SchemaChoice withMessageType(String type) {
            return new SchemaChoice(schemaId, subject, version, type == null ? "" : type.strip());
        }
    }

    /** The bytes to send and what they were written with, for the operator's confirmation line. */
    record Encoded(byte[] value, int schemaId, String format) {
    }
}
