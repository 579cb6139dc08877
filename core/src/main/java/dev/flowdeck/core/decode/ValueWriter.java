package dev.flowdeck.core.decode;

/**
 * Writes an edited value back the way it was read: the JSON of a value a {@link ValueDecoder} read (Avro in the
 * schema registry's wire format) encoded again with the same schema id. A replay or a produce that changes such a
 * value sends it through this, never as JSON (the {@code schemas} module implements it).
 */
@FunctionalInterface
public interface ValueWriter {

    /** Writes nothing back: a changed value that was read through a schema is refused, with what to do. */
    ValueWriter NONE = (read, json) -> {
        // A registry's value names its schema id; one read by its content type (a RabbitMQ message's gzip, charset
        // or Protobuf type) has none, and no registry would help it.
        throw new IllegalArgumentException(read.schemaId() < 0
                ? "The value was read as " + read.note() + "; Flowdeck does not write a changed value back in that "
                + "form, so this event can only be replayed unchanged: remove the transforms that change its value."
                : "The value was read as " + read.note() + "; changing it needs the profile's schema registry to "
                + "write it back in that schema, and this connection has none.");
    };

    /**
     * @param read the value as it was read (its format and schema id)
     * @param json the value's JSON after the operator's changes
     * @return the bytes to send: the same schema's encoding in the same wire format
     * @throws IllegalArgumentException a sentence saying why it cannot be written back (the JSON does not fit the
     *                                  schema, a format Flowdeck does not write)
     */
    byte[] write(DecodedValue read, byte[] json);
}
