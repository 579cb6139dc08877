package dev.flowdeck.core.decode;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ValueWriterTest {

    private static final byte[] JSON = "{\"amount\":1}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aValueOfARegistryNeedsTheRegistryToBeWrittenBack() {
        DecodedValue avro = DecodedValue.read("Avro", 7, "orders-value v1", "{}", JSON);

        assertThatThrownBy(() -> ValueWriter.NONE.write(avro, JSON)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs the profile's schema registry");
    }

    @Test
    void aValueReadByItsContentTypeIsReplayedOnlyUnchangedWhateverTheRegistry() {
        DecodedValue gzip = DecodedValue.read("gzip", -1, "gzip-compressed application/json", "", JSON);

        assertThatThrownBy(() -> ValueWriter.NONE.write(gzip, JSON)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("can only be replayed unchanged")
                .hasMessageNotContaining("registry");
    }
}
