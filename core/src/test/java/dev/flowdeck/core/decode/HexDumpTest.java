package dev.flowdeck.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HexDumpTest {

    /** "Hello, Flowdeck!\n" then 0x00 0x01 0xff: what {@code hexdump -C} prints, less its closing offset line. */
    @Test
    void looksLikeHexdumpC() {
        byte[] bytes = concat("Hello, Flowdeck!\n".getBytes(StandardCharsets.US_ASCII), new byte[] {0, 1, (byte) 0xff});

        assertThat(HexDump.of(bytes, 1024)).isEqualTo("""
                00000000  48 65 6c 6c 6f 2c 20 46  6c 6f 77 64 65 63 6b 21  |Hello, Flowdeck!|
                00000010  0a 00 01 ff                                       |....|
                """);
    }

    @Test
    void aShortLineIsPaddedSoTheAsciiColumnLinesUp() {
        assertThat(HexDump.of("abc".getBytes(StandardCharsets.US_ASCII), 16))
                .isEqualTo("00000000  61 62 63                                          |abc|\n");
        assertThat(HexDump.of(new byte[9], 16))
                .isEqualTo("00000000  00 00 00 00 00 00 00 00  00                       |.........|\n");
    }

    @Test
    void aCutDumpSaysHowManyBytesItLeftOut() {
        byte[] bytes = new byte[5000];
        bytes[16] = 'A';

        assertThat(HexDump.of(bytes, 20)).isEqualTo("""
                00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|
                00000010  41 00 00 00                                       |A...|
                … 4,980 more bytes not shown (5,000 in all)
                """);
        assertThat(HexDump.of(new byte[2], 1)).endsWith("… 1 more byte not shown (2 in all)\n");
        assertThat(HexDump.of(new byte[2], -1)).isEqualTo("… 2 more bytes not shown (2 in all)\n");
    }

    @Test
    void nullAndEmptySaySo() {
        assertThat(HexDump.of(null, 10)).isEqualTo("(null)");
        assertThat(HexDump.of(new byte[0], 10)).isEqualTo("(empty)");
    }

    @Test
    void offsetsCountOnPastSixteenLines() {
        String dump = HexDump.of(new byte[300], 300);

        assertThat(dump.lines()).hasSize(19);
        assertThat(dump.lines().toList().get(18)).startsWith("00000120  00 00 00 00 00 00 00 00  00 00 00 00  ");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
