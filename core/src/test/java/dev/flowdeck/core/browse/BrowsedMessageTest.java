package dev.flowdeck.core.browse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrowsedMessageTest {

    @Test
    void theLastHeaderOfANameIsTheCurrentOne() {
        var message = new BrowsedMessage("orders-dlt", 0, 7, Instant.EPOCH, null, bytes("v"),
                List.of(new MessageHeader("kafka_dlt-original-topic", bytes("orders")),
                        new MessageHeader("kafka_dlt-original-topic", bytes("orders-retry"))));

        assertThat(message.lastHeader("kafka_dlt-original-topic")).get()
                .extracting(header -> new String(header.value(), StandardCharsets.UTF_8)).isEqualTo("orders-retry");
        assertThat(message.lastHeader("missing")).isEmpty();
    }

    @Test
    void weighsKeyValueAndHeadersAndCopesWithTombstones() {
        var tombstone = new BrowsedMessage("t", 0, 1, Instant.EPOCH, bytes("key"), null,
                List.of(new MessageHeader("h", null)));

        assertThat(tombstone.sizeInBytes()).isEqualTo(3 + 1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
