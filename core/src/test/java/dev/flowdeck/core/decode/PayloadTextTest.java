package dev.flowdeck.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadTextTest {

    @Test
    void previewsNullEmptyAndShortPayloadsWhole() {
        assertThat(PayloadText.preview(null, 40)).isEqualTo("(null)");
        assertThat(PayloadText.preview(new byte[0], 40)).isEqualTo("(empty)");
        assertThat(PayloadText.preview(utf8("plain"), 40)).isEqualTo("plain");
        assertThat(PayloadText.preview(new byte[] {0x0a, 0x1b, (byte) 0xff}, 40)).isEqualTo("0x0a1bff");
    }

    @Test
    void jsonIsCompactedButItsStringsAreLeftAlone() {
        String json = "{\n  \"id\" : 7,\n  \"note\" : \"two  spaces, a \\\" quote\\\\\",\n"
                + "  \"tags\" : [ \"a b\" ]\n}\n";

        assertThat(PayloadText.preview(utf8(json), 200))
                .isEqualTo("{\"id\":7,\"note\":\"two  spaces, a \\\" quote\\\\\",\"tags\":[\"a b\"]}");
    }

    @Test
    void lineSeparatorsInJsonStringsAreEscapedSoThePreviewStaysOneLine() {
        assertThat(PayloadText.preview(utf8("[\"a\u2028b\u2029c\"]"), 80)).isEqualTo("[\"a\\u2028b\\u2029c\"]");
    }

    @Test
    void textShowsEachLineBreakAsOneMarkAndTabsAsSpaces() {
        assertThat(PayloadText.preview(utf8("one\r\ntwo\nthree\rfour\u2028five\tsix"), 80))
                .isEqualTo("one⏎two⏎three⏎four⏎five six");
        assertThat(PayloadText.preview(utf8("\n\n"), 80)).isEqualTo("⏎⏎");
    }

    @Test
    void aCutPreviewEndsWithAnEllipsisWithinTheLimit() {
        assertThat(PayloadText.preview(utf8("abcdefghij"), 10)).isEqualTo("abcdefghij");
        assertThat(PayloadText.preview(utf8("abcdefghijk"), 10)).isEqualTo("abcdefghi…");
        assertThat(PayloadText.preview(utf8("{ \"a\": [1, 2, 3, 4] }"), 8)).isEqualTo("{\"a\":[1…");
        assertThat(PayloadText.preview(utf8("(null) is text here"), 3)).isEqualTo("(n…");
        assertThat(PayloadText.preview(null, 4)).isEqualTo("(nu…");
        assertThat(PayloadText.preview(utf8("abc"), 1)).isEqualTo("…");
        assertThat(PayloadText.preview(utf8("abc"), 0)).isEmpty();
        assertThat(PayloadText.preview(utf8("abc"), -5)).isEmpty();
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        // "a😀b": the emoji is two chars; a cut after "a" and half the emoji keeps "a" only.
        assertThat(PayloadText.preview(utf8("a😀bcd"), 3)).isEqualTo("a…");
        assertThat(PayloadText.preview(utf8("a😀bcd"), 4)).isEqualTo("a😀…");
    }

    @Test
    void binaryShowsWholeBytesOnly() {
        byte[] bytes = {0x0a, 0x1b, 0x2c, 0x3d, 0x4e};

        assertThat(PayloadText.preview(bytes, 12)).isEqualTo("0x0a1b2c3d4e");
        assertThat(PayloadText.preview(bytes, 11)).isEqualTo("0x0a1b2c3d…");
        assertThat(PayloadText.preview(bytes, 10)).isEqualTo("0x0a1b2c…");
        assertThat(PayloadText.preview(bytes, 3)).isEqualTo("0x…");
        assertThat(PayloadText.preview(new byte[10 * 1024 * 1024], 9)).isEqualTo("0x000000…");
    }

    @Test
    void prettyJsonIndentsByTwoAndKeepsNumbersAsWritten() {
        String json = "{\"id\":7,\"amount\":12.50,\"big\":123456789012345678901234567890,\"tiny\":1e-400,"
                + "\"tags\":[\"a\",{}],\"none\":[],\"ok\":true,\"gone\":null}";

        assertThat(PayloadText.prettyJson(utf8(json))).contains("""
                {
                  "id": 7,
                  "amount": 12.50,
                  "big": 123456789012345678901234567890,
                  "tiny": 1e-400,
                  "tags": [
                    "a",
                    {}
                  ],
                  "none": [],
                  "ok": true,
                  "gone": null
                }""");
        assertThat(PayloadText.prettyJson(utf8("[\"tab\\there\",\"é\"]")))
                .contains("[\n  \"tab\\there\",\n  \"é\"\n]");
    }

    @Test
    void prettyJsonIsEmptyForAnythingButAnObjectOrArray() {
        assertThat(PayloadText.prettyJson(null)).isEmpty();
        assertThat(PayloadText.prettyJson(utf8("42"))).isEmpty();
        assertThat(PayloadText.prettyJson(utf8("{\"cut\":"))).isEmpty();
        assertThat(PayloadText.prettyJson(new byte[] {(byte) 0xff})).isEmpty();
    }

    @Test
    void textReplacesWhatIsNotUtf8() {
        assertThat(PayloadText.text(new byte[] {'o', 'k', (byte) 0xC3, '(', (byte) 0xE2, (byte) 0x82}))
                .isEqualTo("ok\uFFFD(\uFFFD");
        assertThat(PayloadText.text(utf8("Zoë"))).isEqualTo("Zoë");
        assertThat(PayloadText.text(null)).isEqualTo("(null)");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
