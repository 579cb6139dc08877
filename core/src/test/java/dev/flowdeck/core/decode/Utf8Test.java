package dev.flowdeck.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

    @Test
    void decodesValidText() {
        for (String text : new String[] {"", "plain ascii", "Zoë Müller, 東京, 🚀", "a real \uFFFD replacement mark"}) {
            assertThat(Utf8.decodeOrNull(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
        }
    }

    @Test
    void saysWhatIsNotUtf8() {
        byte[][] notText = {
            {(byte) 0xC3, 0x28},                          // a lead byte without its continuation
            {'a', (byte) 0xFF, 'b'},                      // a byte UTF-8 never uses
            {(byte) 0xC0, (byte) 0x80},                   // an overlong NUL
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},      // a UTF-16 surrogate
            {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD, (byte) 0xC3}, // a real U+FFFD, then a cut sequence
        };
        for (byte[] bytes : notText) {
            assertThat(Utf8.decodeOrNull(bytes)).isNull();
        }
        assertThat(Utf8.decodeOrNull(null)).isNull();
    }
}
