package dev.flowdeck.schemas;

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
}
