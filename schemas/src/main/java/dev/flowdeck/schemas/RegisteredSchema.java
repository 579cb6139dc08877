package dev.flowdeck.schemas;

import java.util.List;

/**
 * A schema as the registry gives it for an id.
 *
 * @param id          the registry's id
 * @param type        {@code AVRO}, {@code PROTOBUF} or {@code JSON} (the registry's {@code schemaType}; absent means
 *                    Avro)
 * @param text        the schema's text: Avro's JSON, a {@code .proto} file, a JSON Schema
 * @param subjects    where the registry files it (subject and version), as far as it says
 * @param descriptor  Protobuf only: the schema as a serialized {@code FileDescriptorProto}, where the registry
 *                    serves one ({@code ?format=serialized}); else null
 * @param references  other schemas this one uses (the registry's {@code references}: an Avro named type's full
 *                    name, a Protobuf import's file name), each a subject's version
 */
public record RegisteredSchema(int id, String type, String text, List<SubjectVersion> subjects, byte[] descriptor,
                               List<Reference> references) {

    public RegisteredSchema {
        subjects = List.copyOf(subjects);
        references = List.copyOf(references);
    }

    public RegisteredSchema(int id, String type, String text, List<SubjectVersion> subjects, byte[] descriptor) {
        this(id, type, text, subjects, descriptor, List.of());
    }

    /** A schema this one refers to: by {@code name} in its text, filed as a subject's version. */
    public record Reference(String name, String subject, int version) {
    }

    /** A subject and one of its versions. */
    public record SubjectVersion(String subject, int version) {
        @Override
        public String toString() {
            return subject + " v" + version;
        }
    }

    /** {@code payments-value v3}, or empty when the registry did not say. */
    public String subjectNote() {
        return subjects.isEmpty() ? "" : subjects.getFirst().toString();
    }
}
