package dev.flowdeck.core.browse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.decode.HexDump;
import dev.flowdeck.core.decode.JsonTree;
import dev.flowdeck.core.decode.PayloadFormat;
import dev.flowdeck.core.decode.PayloadKind;
import dev.flowdeck.core.decode.PayloadText;
import dev.flowdeck.core.decode.Payloads;
import dev.flowdeck.core.decode.Utf8;
import dev.flowdeck.core.fuzz.Fuzz;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cutting a message to the row budget, then decoding the cut as the table and detail pane will. */
class KeptMessageFuzzTest {

    @Test
    void aCutIsAPrefixWithinTheBudgetThatStillDecodes() {
        Fuzz.check(1000, fuzz -> {
            byte[] key = fuzz.input("key", Payloads.any(fuzz));
            byte[] value = fuzz.input("value", Payloads.any(fuzz));
            int budget = fuzz.input("budget", fuzz.between(0, 300));
            var message = new BrowsedMessage("t", 0, 7, Instant.EPOCH, key, value, List.of());

            var kept = KeptMessage.of(message, budget);

            assertKeptPrefix(key, kept.message().key(), budget);
            assertKeptPrefix(value, kept.message().value(), budget);
            assertThat(kept.keyBytes()).isEqualTo(key == null ? -1 : key.length);
            assertThat(kept.valueBytes()).isEqualTo(value == null ? -1 : value.length);
            assertThat(kept.truncated()).isEqualTo(key != null && key.length > budget || value != null
                    && value.length > budget);
            assertThat(kept.sizeInBytes()).isEqualTo(message.sizeInBytes());

            byte[] cut = kept.message().value();
            PayloadKind before = PayloadFormat.detect(value);
            PayloadKind after = PayloadFormat.detect(cut);
            if (before == PayloadKind.TEXT || before == PayloadKind.JSON) {
                String keptText = Utf8.decodeOrNull(cut);
                assertThat(keptText).as("UTF-8 cut between characters stays UTF-8").isNotNull();
                // JSON strings may hold DEL and C1 controls raw: a document is JSON with them, the cut of one is
                // binary. Without them a cut stays text.
                if (keptText.chars().noneMatch(KeptMessageFuzzTest::isBinaryControl)) {
                    assertThat(after).as("a UTF-8 cut without controls is text").isNotEqualTo(PayloadKind.BINARY);
                }
            }
            if (before == PayloadKind.JSON && cut.length < value.length && after == PayloadKind.JSON) {
                assertThat(new String(value, cut.length, value.length - cut.length, StandardCharsets.UTF_8))
                        .as("only whitespace was cut").isBlank();
            }
            assertThat(PayloadText.preview(cut, 80)).hasSizeLessThanOrEqualTo(80);
            assertThat(PayloadText.prettyJson(cut).isPresent()).isEqualTo(after == PayloadKind.JSON);
            assertThat(JsonTree.parse(cut, 50).isPresent()).isEqualTo(after == PayloadKind.JSON);
            assertThat(HexDump.of(cut, 64)).isNotEmpty();
        });
    }

    /** A control that makes UTF-8 binary: any but tab, CR and LF. */
    private static boolean isBinaryControl(int c) {
        return Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r';
    }

    private static void assertKeptPrefix(byte[] original, byte[] kept, int budget) {
        if (original == null || original.length <= budget) {
            assertThat(kept).isSameAs(original);
            return;
        }
        assertThat(kept.length).isBetween(Math.max(0, budget - 3), budget);
        assertThat(kept).isEqualTo(Arrays.copyOf(original, kept.length));
    }
}
