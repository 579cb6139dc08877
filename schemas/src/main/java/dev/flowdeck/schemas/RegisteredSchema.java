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
 */
public record RegisteredSchema(int id, String type, String text, List<SubjectVersion> subjects, byte[] descriptor) {

    public RegisteredSchema {
        subjects = List.copyOf(subjects);
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
