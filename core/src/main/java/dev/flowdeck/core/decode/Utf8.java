package dev.flowdeck.core.decode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8: bytes that are not valid UTF-8 are said to be so (null) instead of turned into replacement marks. */
public final class Utf8 {

    private static final char REPLACEMENT = '\uFFFD';

    private Utf8() {
    }

    /** The text, or null when {@code bytes} is null or not valid UTF-8. */
    public static String decodeOrNull(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        // String's own decoding is faster than a CharsetDecoder (much faster on ASCII) and turns malformed input into
        // U+FFFD: text without one was valid. Only text with one (a real U+FFFD, or a replacement) is decoded again.
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.indexOf(REPLACEMENT) < 0 ? text : strict(bytes);
    }

    private static String strict(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notText) {
            return null;
        }
    }
}
