package dev.flowdeck.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.fuzz.Fuzz;
import org.junit.jupiter.api.Test;

/** Each word test finds the first byte it looks for exactly, whatever follows it, as a byte-by-byte loop would. */
class ByteWordsTest {

    @Test
    void theFirstByteFoundIsTheFirstThatALoopFinds() {
        Fuzz.check(20_000, fuzz -> {
            byte[] bytes = new byte[8];
            for (int i = 0; i < 8; i++) {
                // Mostly plain ASCII, sometimes what a test looks for, next to what it does not.
                bytes[i] = fuzz.oneIn(4) ? (byte) fuzz.of(0x22, 0x5C, 0, 0x1F, 0x20, 0x21, 0x5B, 0x5D, 0x7F, 0x80, 0xC3,
                        0xFF, 0x44).intValue() : (byte) fuzz.between(0x20, 0x7E);
            }
            fuzz.input("bytes", bytes);
            byte wanted = fuzz.input("wanted", (byte) fuzz.of(0x44, 0x22, 0, 0x80, 0xFF).intValue());
            long word = ByteWords.at(bytes, 0);

            assertThat(first(ByteWords.jsonStringStops(word))).isEqualTo(loopFirst(bytes, b -> b == '"' || b == '\\'
                    || (b & 0xFF) < 0x20 || (b & 0xFF) >= 0x80));
            assertThat(first(ByteWords.equalTo(word, ByteWords.everywhere(wanted))))
                    .isEqualTo(loopFirst(bytes, b -> b == wanted));
        });
    }

    private static int first(long found) {
        return found == 0 ? -1 : ByteWords.firstFound(found);
    }

    private interface BytePredicate {
        boolean test(byte b);
    }

    private static int loopFirst(byte[] bytes, BytePredicate wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (wanted.test(bytes[i])) {
                return i;
            }
        }
        return -1;
    }
}
