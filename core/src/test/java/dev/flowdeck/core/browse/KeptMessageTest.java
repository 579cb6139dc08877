package dev.flowdeck.core.browse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeptMessageTest {

    @Test
    void aSmallMessageIsKeptWhole() {
        var message = message(new byte[10], new byte[100]);

        var kept = KeptMessage.of(message, 100);

        assertThat(kept.message()).isSameAs(message);
        assertThat(kept.truncated()).isFalse();
        assertThat(kept.sizeInBytes()).isEqualTo(110);
    }

    @Test
    void aLargeValueIsCutToTheBudgetAndRemembersItsSize() {
        var kept = KeptMessage.of(message(new byte[3], new byte[10 * 1024 * 1024]), 1024);

        assertThat(kept.message().value()).hasSize(1024);
        assertThat(kept.message().key()).hasSize(3);
        assertThat(kept.valueBytes()).isEqualTo(10 * 1024 * 1024);
        assertThat(kept.truncated()).isTrue();
        assertThat(kept.sizeInBytes()).isEqualTo(3 + 10 * 1024 * 1024);
        assertThat(kept.message().offset()).isEqualTo(42);
    }

    @Test
    void aCutNeverSplitsAUtf8Character() {
        byte[] text = "ab€".getBytes(StandardCharsets.UTF_8); // 61 62 e2 82 ac

        var kept = KeptMessage.of(message(null, text), 4);

        assertThat(kept.message().value()).isEqualTo(new byte[] {'a', 'b'});
        assertThat(kept.valueBytes()).isEqualTo(5);
        assertThat(kept.truncated()).isTrue();
        assertThat(KeptMessage.of(message(null, text), 2).message().value()).isEqualTo(new byte[] {'a', 'b'});
    }

    @Test
    void bytesThatAreNotUtf8AreCutAtTheBudget() {
        byte[] continuations = new byte[10];
        java.util.Arrays.fill(continuations, (byte) 0x80);

        assertThat(KeptMessage.of(message(null, continuations), 4).message().value()).hasSize(4);
    }

    @Test
    void tombstonesAndNullKeysAreNotTruncated() {
        var kept = KeptMessage.of(message(null, null), 0);

        assertThat(kept.truncated()).isFalse();
        assertThat(kept.keyBytes()).isEqualTo(-1);
        assertThat(kept.valueBytes()).isEqualTo(-1);
        assertThat(kept.sizeInBytes()).isZero();
    }

    @Test
    void aNegativeBudgetIsRefused() {
        assertThatThrownBy(() -> KeptMessage.of(message(null, null), -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static BrowsedMessage message(byte[] key, byte[] value) {
        return new BrowsedMessage("orders", 2, 42, Instant.EPOCH, key, value, List.of());
    }
}
