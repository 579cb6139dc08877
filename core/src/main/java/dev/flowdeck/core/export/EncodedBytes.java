package dev.flowdeck.core.export;

import dev.flowdeck.core.decode.Utf8;
import java.util.Base64;

/**
 * Bytes as an export writes them: the text itself when they are strict UTF-8, else base64, so that every byte
 * survives the round trip and text stays readable. Null stays null (a tombstone has no value, which is not the
 * same as an empty one).
 *
 * @param text    the text or the base64 form; null for null bytes
 * @param base64  whether {@code text} is base64
 */
record EncodedBytes(String text, boolean base64) {

    static final String BASE64 = "base64";
    static final String UTF_8 = "utf-8";

    static EncodedBytes of(byte[] bytes) {
        if (bytes == null) {
            return new EncodedBytes(null, false);
        }
        String text = Utf8.decodeOrNull(bytes);
        return text != null ? new EncodedBytes(text, false)
                : new EncodedBytes(Base64.getEncoder().encodeToString(bytes), true);
    }

    boolean isNull() {
        return text == null;
    }

    /** The encoding's name for a marker: {@code "utf-8"} or {@code "base64"}; null for null bytes. */
    String encoding() {
        return isNull() ? null : base64 ? BASE64 : UTF_8;
    }
}
