package dev.flowdeck.core.mask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.deadletter.DeadLetterDecoder;
import dev.flowdeck.core.deadletter.DeadLetterGroups;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskedCausesTest {

    private static final HashKey KEY = HashKey.random();
    private final DeadLetterDecoder decoder = DeadLetterDecoder.forProfile(
            dev.flowdeck.core.broker.ConnectionProfile.kafka("shop", "localhost:9092"));

    private static BrowsedMessage letter(long offset, String message) {
        return new BrowsedMessage("orders.DLT", 0, offset, Instant.EPOCH, null,
                "{\"email\":\"ada@example.com\"}".getBytes(StandardCharsets.UTF_8), List.of(
                header("kafka_dlt-original-topic", "orders"),
                header("kafka_dlt-exception-fqcn", "com.acme.UnknownCustomer"),
                header("kafka_dlt-exception-message", message),
                header("kafka_dlt-exception-stacktrace", "com.acme.UnknownCustomer: " + message + "\n\tat x")));
    }

    private static MessageHeader header(String name, String value) {
        return new MessageHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private String causeOf(Masking masking, BrowsedMessage raw) {
        var groups = new DeadLetterGroups();
        var causes = new MaskedCauses(masking, decoder);
        String id = groups.add(decoder.decode(raw));
        causes.see(id, raw);
        return causes.of(groups.groups().getFirst());
    }

    @Test
    void aGroupsCauseIsReadFromItsFirstLettersMaskedHeaders() {
        BrowsedMessage raw = letter(0, "no customer ada@example.com");
        assertThat(causeOf(Masking.NONE, raw)).isEqualTo("com.acme.UnknownCustomer: no customer ada@example.com");
        assertThat(causeOf(Masking.of(new MaskingSettings(List.of(), true, false), KEY), raw))
                .isEqualTo("com.acme.UnknownCustomer: no customer •••");
        assertThat(causeOf(Masking.of(new MaskingSettings(List.of(
                MaskRule.parse("header kafka_dlt-exception-message hash")), false, false), KEY), raw))
                .isEqualTo("com.acme.UnknownCustomer: hash:<hex>"); // a hash is hex, which a fingerprint masks
        assertThat(causeOf(Masking.of(new MaskingSettings(List.of(
                MaskRule.parse("header kafka_dlt-exception-message remove")), false, false), KEY), raw))
                .isEqualTo("com.acme.UnknownCustomer");
    }

    @Test
    void aGroupNotSeenShowsItsClassAloneUnderHeaderRulesAndItsTextMaskedUnderTextPii() {
        BrowsedMessage raw = letter(0, "no customer ada@example.com");
        var groups = new DeadLetterGroups();
        groups.add(decoder.decode(raw));
        var group = groups.groups().getFirst();
        assertThat(new MaskedCauses(Masking.of(new MaskingSettings(List.of(
                MaskRule.parse("header x-other mask")), false, false), KEY), decoder).of(group))
                .isEqualTo("com.acme.UnknownCustomer: " + Masking.MASKED);
        assertThat(new MaskedCauses(Masking.of(new MaskingSettings(List.of(), true, false), KEY), decoder).of(group))
                .isEqualTo("com.acme.UnknownCustomer: no customer " + Masking.MASKED);
    }

    @Test
    void aLettersFailureIsReadFromItsMaskedHeadersStackTraceIncluded() {
        var failure = new MaskedCauses(Masking.of(new MaskingSettings(List.of(), true, false), KEY), decoder)
                .failure(letter(3, "no customer ada@example.com"));
        assertThat(failure.message()).contains("no customer •••");
        assertThat(failure.stackTrace().orElseThrow()).doesNotContain("ada@example.com").contains("•••");
    }
}
