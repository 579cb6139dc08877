package dev.flowdeck.core.mask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageHeader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskSuggestionsTest {

    private static BrowsedMessage message(String value, MessageHeader... headers) {
        return new BrowsedMessage("payments", 0, 0, null, null, value.getBytes(StandardCharsets.UTF_8),
                List.of(headers));
    }

    @Test
    void fieldsAndHeadersHoldingPiiAreProposedOnceWithArraysGeneralised() {
        var sample = List.of(
                message("{\"card\":{\"pan\":\"4111111111111111\"},\"payer\":{\"email\":\"ada@example.com\"},"
                        + "\"refunds\":[{\"to\":\"DE89370400440532013000\"},{\"to\":\"GB82WEST12345698765432\"}]}",
                        new MessageHeader("x-user", "bob@example.com".getBytes(StandardCharsets.UTF_8))),
                message("{\"card\":{\"pan\":\"5500000000000004\"},\"order\":\"1714556400123\"}"),
                message("not json at all 4111111111111111"));

        var suggestions = MaskSuggestions.from(sample, List.of());

        assertThat(suggestions).extracting(s -> s.rule().line()).containsExactly(
                "$.card.pan mask", "header x-user hash", "$.payer.email hash", "$.refunds[*].to mask");
        assertThat(suggestions.getFirst().seen()).isEqualTo(2);
        assertThat(suggestions.getFirst().spoken()).isEqualTo("$.card.pan mask: card number in 2 messages");
    }

    @Test
    void rulesAlreadyThereAreNotProposedAgain() {
        var sample = List.of(message("{\"email\":\"ada@example.com\"}"));
        assertThat(MaskSuggestions.from(sample, List.of(MaskRule.parse("$.email mask")))).isEmpty();
    }
}
