package dev.flowdeck.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadFormatTest {

    @Test
    void nullAndEmptyAreTheirOwnKinds() {
        assertThat(PayloadFormat.detect(null)).isEqualTo(PayloadKind.NULL);
        assertThat(PayloadFormat.detect(new byte[0])).isEqualTo(PayloadKind.EMPTY);
    }

    @Test
    void aWholeObjectOrArrayIsJsonWhitespaceAroundIncluded() {
        assertThat(PayloadFormat.detect(utf8("{\"id\":7,\"tags\":[\"a\",\"b\"]}"))).isEqualTo(PayloadKind.JSON);
        assertThat(PayloadFormat.detect(utf8(" \r\n\t[1, 2.5e3, null, true]\n"))).isEqualTo(PayloadKind.JSON);
        assertThat(PayloadFormat.detect(utf8("{\"name\":\"Zoë ✓ 😀\"}"))).isEqualTo(PayloadKind.JSON);
    }

    @Test
    void scalarsTruncationsTrailingGarbageAndLenientSyntaxAreNotJson() {
        assertThat(PayloadFormat.detect(utf8("42"))).as("a bare number is text").isEqualTo(PayloadKind.TEXT);
        assertThat(PayloadFormat.detect(utf8("\"quoted\""))).isEqualTo(PayloadKind.TEXT);
        assertThat(PayloadFormat.detect(utf8("{\"id\":7,\"na"))).isEqualTo(PayloadKind.TEXT);
        assertThat(PayloadFormat.detect(utf8("{\"id\":7} {\"id\":8}"))).isEqualTo(PayloadKind.TEXT);
        assertThat(PayloadFormat.detect(utf8("{'id':7}"))).isEqualTo(PayloadKind.TEXT);
        assertThat(PayloadFormat.detect(utf8("[1,2,] "))).isEqualTo(PayloadKind.TEXT);
        assertThat(PayloadFormat.detect(utf8("{\"a\":1 /* note */}"))).isEqualTo(PayloadKind.TEXT);
    }

    @Test
    void jsonBeyondTheLimitsIsText() {
        String deep = "[".repeat(JsonLimits.MAX_DEPTH + 1) + "]".repeat(JsonLimits.MAX_DEPTH + 1);
        String allowed = "[".repeat(JsonLimits.MAX_DEPTH) + "]".repeat(JsonLimits.MAX_DEPTH);
        assertThat(PayloadFormat.detect(utf8(deep))).isEqualTo(PayloadKind.TEXT);
        assertThat(PayloadFormat.detect(utf8(allowed))).isEqualTo(PayloadKind.JSON);
        assertThat(PayloadFormat.detect(utf8("[" + "9".repeat(JsonLimits.MAX_NUMBER_LENGTH + 1) + "]")))
                .isEqualTo(PayloadKind.TEXT);
        assertThat(PayloadFormat.detect(utf8("[" + "9".repeat(JsonLimits.MAX_NUMBER_LENGTH) + ", 1e99999]")))
                .isEqualTo(PayloadKind.JSON);
    }

    @Test
    void textMayHaveTabsAndLineBreaksButNoOtherControls() {
        assertThat(PayloadFormat.detect(utf8("line one\r\nline\ttwo\n"))).isEqualTo(PayloadKind.TEXT);
        assertThat(PayloadFormat.detect(utf8("bell\u0007"))).isEqualTo(PayloadKind.BINARY);
        assertThat(PayloadFormat.detect(utf8("c1 control \u0085"))).isEqualTo(PayloadKind.BINARY);
        assertThat(PayloadFormat.detect(new byte[] {0, 0, 0, 2})).as("a binary int").isEqualTo(PayloadKind.BINARY);
    }

    @Test
    void bytesThatAreNotStrictUtf8AreBinaryEvenWhenTheyLookLikeJson() {
        assertThat(PayloadFormat.detect(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'}))
                .isEqualTo(PayloadKind.BINARY);
        assertThat(PayloadFormat.detect(new byte[] {'a', (byte) 0xE2, (byte) 0x82})).as("cut mid-character")
                .isEqualTo(PayloadKind.BINARY);
        assertThat(PayloadFormat.detect(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).as("a lone surrogate")
                .isEqualTo(PayloadKind.BINARY);
        assertThat(PayloadFormat.detect(new byte[] {(byte) 0xC0, (byte) 0xAF})).as("overlong '/'")
                .isEqualTo(PayloadKind.BINARY);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
