package dev.flowdeck.schemas;

import dev.flowdeck.core.decode.DecodedValue;

/** One parsed schema, ready to read values written with it into JSON; cached by id, shared by threads. */
sealed interface SchemaReading permits AvroReading, ProtobufReading, JsonSchemaReading {

    /** {@code Avro}, {@code Protobuf}, {@code JSON Schema}. */
    String format();

    RegisteredSchema registered();

    /**
     * The payload from {@code offset} on as UTF-8 JSON.
     *
     * @throws SchemaProblem the value does not match the schema
     */
    byte[] toJson(byte[] value, int offset);

    /**
     * A value read, and how it fails its schema where it can be read all the same (a JSON Schema it breaks,
     * Protobuf fields the schema does not declare).
     *
     * @param json        the JSON, or null when it is made later
     * @param later       what makes the JSON when it is first asked for (the value already checked against the
     *                    schema), where {@code json} is null
     * @param mismatch    a sentence, or null when the value fits
     * @param messageType Protobuf: the full name of the message its message indexes name; else empty
     */
    record Read(byte[] json, DecodedValue.JsonSource later, String mismatch, String messageType) {

        Read(byte[] json, String mismatch) {
            this(json, null, mismatch, "");
        }

        Read(byte[] json, String mismatch, String messageType) {
            this(json, null, mismatch, messageType);
        }

        Read(byte[] json, DecodedValue.JsonSource later, String mismatch) {
            this(json, later, mismatch, "");
        }

        /** The value as a browser carries it. */
        DecodedValue decoded(String format, int schemaId, String subject, String schema) {
            DecodedValue decoded = json != null ? DecodedValue.read(format, schemaId, subject, schema, json)
                    : DecodedValue.read(format, schemaId, subject, schema, later);
            if (!messageType.isEmpty()) {
                decoded = decoded.withMessageType(messageType);
            }
            return mismatch == null ? decoded : decoded.withMismatch(mismatch);
        }
    }

    /**
     * {@link #toJson}, and what in the value the schema does not allow. Every fault {@code toJson} finds is thrown
     * here, in the same words; the JSON itself may be left to make when it is first asked for (Avro's).
     */
    default Read read(byte[] value, int offset) {
        return new Read(toJson(value, offset), null);
    }

    /**
     * The operator's JSON written as this schema's payload (what follows the wire format's 5-byte header).
     *
     * @param messageType Protobuf only: the message's full name (or its simple name where no other message has
     *                    it); blank only for a schema of one top-level message, else refused
     * @throws SchemaProblem the JSON does not fit the schema, in a sentence naming where
     */
    byte[] payloadFromJson(byte[] json, String messageType);
}
