package dev.flowdeck.core.decode;

/**
 * Reads a record's value through a schema (a schema registry's wire format, Avro or Protobuf) into JSON, so that
 * the detail pane, filters, trace correlation keys and exports see what plain JSON gives them. Implemented outside
 * core (the {@code schemas} module); core and the views see only this.
 *
 * <p>Called on a browse's reading thread or its filter pool, never on the FX thread. An implementation may wait
 * once for a schema it has not seen (one fetch per schema id, then cached) but never once per record, and never
 * throws: a value it cannot read comes back as a {@link DecodedValue} with a problem, and the scan goes on. It says
 * here whether the value can be read and matches its schema; it may leave the JSON to make when it is first asked
 * for ({@link DecodedValue.JsonSource}: from what it holds already, never with I/O).
 */
@FunctionalInterface
public interface ValueDecoder {

    /** Reads nothing: every value is shown as its bytes say (JSON, text or hex). */
    ValueDecoder NONE = (topic, value) -> null;

    /**
     * @param topic the topic the value was read from (a topic may have its own format)
     * @param value the raw value; may be null (a tombstone)
     * @return the value read through its schema (or why it could not be), or null when the value is not written
     *         with a schema (plain JSON, text, binary): then it is shown as it is
     */
    DecodedValue decode(String topic, byte[] value);
}
