package dev.flowdeck.core.decode;

import java.util.Objects;

/**
 * A value read through its schema: the JSON it stands for, or why it could not be read. The raw bytes stay on the
 * message ({@link dev.flowdeck.core.browse.BrowsedMessage#value()}), so a replay or a copy sends what was written,
 * never this JSON.
 *
 * @param format   how the value was written, in the operator's words ("Avro", "Protobuf", "JSON Schema")
 * @param schemaId the registry's schema id from the wire format; -1 where there is none
 * @param subject  where the registry files that schema, such as {@code payments-value v3}; empty if not known
 * @param schema   the schema's text as the registry gave it (shared by every record of that id); empty if not known
 * @param json     the value as UTF-8 JSON, or null when it could not be read
 * @param problem  a sentence saying why the value could not be read and what to do, or null when it was
 * @param jsonCut  whether {@code json} is only the start of the JSON, cut to a browser's byte budget
 * @param mismatch a sentence saying how a value that could be read still does not match its schema (a JSON Schema
 *                 it fails, Protobuf fields the schema does not declare), or null when it matches; the JSON is
 *                 shown all the same, so the operator sees what is wrong
 * @param messageType Protobuf in the registry's wire format: the full name of the message the value was written as
 *                 ({@code shop.Order.Line}), which its message indexes name; empty otherwise. A schema may declare
 *                 several messages whose JSON looks alike, so writing an edited value back needs this, not a guess
 */
public record DecodedValue(String format, int schemaId, String subject, String schema, byte[] json,
                           String problem, boolean jsonCut, String mismatch, String messageType) {

    public DecodedValue(String format, int schemaId, String subject, String schema, byte[] json, String problem,
                        boolean jsonCut) {
        this(format, schemaId, subject, schema, json, problem, jsonCut, null, "");
    }

    public DecodedValue(String format, int schemaId, String subject, String schema, byte[] json, String problem,
                        boolean jsonCut, String mismatch) {
        this(format, schemaId, subject, schema, json, problem, jsonCut, mismatch, "");
    }

    public DecodedValue {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
        messageType = messageType == null ? "" : messageType;
        if ((json == null) == (problem == null)) {
            throw new IllegalArgumentException("a decoded value has either its JSON or a problem, not both");
        }
    }

    public static DecodedValue read(String format, int schemaId, String subject, String schema, byte[] json) {
        return new DecodedValue(format, schemaId, subject, schema, json, null, false);
    }

    public static DecodedValue failed(String format, int schemaId, String problem) {
        return new DecodedValue(format, schemaId, "", "", null, problem, false);
    }

    public boolean isRead() {
        return json != null;
    }

    /** Whether the value fits its schema: read, and nothing found that the schema does not allow. */
    public boolean matchesSchema() {
        return json != null && mismatch == null;
    }

    /** The same reading, said not to match its schema ({@code sentence}), its JSON still shown. */
    public DecodedValue withMismatch(String sentence) {
        return new DecodedValue(format, schemaId, subject, schema, json, problem, jsonCut, sentence, messageType);
    }

    /** The same reading, saying which Protobuf message of its schema the value was written as. */
    public DecodedValue withMessageType(String fullName) {
        return new DecodedValue(format, schemaId, subject, schema, json, problem, jsonCut, mismatch, fullName);
    }

    /**
     * One line for the detail pane, an export or the command line: {@code Avro, schema id 7 (payments-value v3)},
     * {@code Protobuf shop.Refund, schema id 9 (payments-value v4)}.
     */
    public String note() {
        String kind = messageType.isEmpty() ? format : format + " " + messageType;
        String id = schemaId < 0 ? "" : ", schema id " + schemaId;
        String where = subject.isEmpty() ? "" : " (" + subject + ")";
        if (problem != null) {
            return kind + id + ": " + problem;
        }
        return mismatch == null ? kind + id + where : kind + id + where + ", which it does not match: " + mismatch;
    }

    /** The same reading with its JSON cut to {@code json}: what a browser keeps of a large value. */
    public DecodedValue cutTo(byte[] start) {
        return new DecodedValue(format, schemaId, subject, schema, start, problem, true, mismatch, messageType);
    }
}
