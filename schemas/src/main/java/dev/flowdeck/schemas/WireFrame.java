package dev.flowdeck.schemas;

/**
 * The schema registry's wire format, as every Confluent-compatible serializer writes it: the magic byte 0, the
 * schema id as a 4-byte big-endian int, then the payload (for Protobuf, a list of message indexes comes first).
 *
 * @param schemaId      the id the registry gave the writer's schema
 * @param payloadOffset where the payload begins in the value
 */
record WireFrame(int schemaId, int payloadOffset) {

    static final byte MAGIC = 0;
    static final int HEADER = 5;

    /** Whether a value looks framed: no JSON, text or UTF-8 starts with a zero byte, so auto-detection is cheap. */
    static boolean looksFramed(byte[] value) {
        return value != null && value.length > 0 && value[0] == MAGIC;
    }

    /**
     * Reads the frame's header.
     *
     * @throws SchemaProblem a sentence for the operator when the value is not a whole frame
     */
    static WireFrame read(byte[] value) {
        if (value == null || value.length == 0) {
            throw new SchemaProblem("The value is empty: there is no schema id to read.");
        }
        if (value[0] != MAGIC) {
            throw new SchemaProblem(String.format("The value does not start with the schema registry's magic byte 0 "
                    + "(it starts with 0x%02x), so it was not written by a registry serializer: set this topic's "
                    + "format to auto, json, text or binary.", value[0] & 0xFF));
        }
        if (value.length < HEADER) {
            throw new SchemaProblem("The value is cut short: " + value.length + " bytes, fewer than the 5 of the "
                    + "schema registry's frame (magic byte and 4-byte schema id).");
        }
        int id = ((value[1] & 0xFF) << 24) | ((value[2] & 0xFF) << 16) | ((value[3] & 0xFF) << 8) | (value[4] & 0xFF);
        return new WireFrame(id, HEADER);
    }

    /** The header for {@code schemaId}, followed by {@code payload}: what a registry serializer writes. */
    static byte[] frame(int schemaId, byte[] payload) {
        byte[] framed = new byte[HEADER + payload.length];
        framed[0] = MAGIC;
        framed[1] = (byte) (schemaId >>> 24);
        framed[2] = (byte) (schemaId >>> 16);
        framed[3] = (byte) (schemaId >>> 8);
        framed[4] = (byte) schemaId;
        System.arraycopy(payload, 0, framed, HEADER, payload.length);
        return framed;
    }
}
