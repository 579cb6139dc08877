package dev.flowdeck.core.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.decode.DecodedValue;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.fuzz.Fuzz;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HashKey KEY = HashKey.random();
    private static final String ORDER = """
            {"order":"ord-1","amount":120.50,
             "card":{"number":"4111 1111 1111 1111","holder":"Ada"},
             "customer":{"email":"ada@example.com","contact":{"email":"ada.work@example.com"}},
             "items":[{"sku":"a","iban":"DE89370400440532013000"},{"sku":"b","iban":"GB82WEST12345698765432"}]}
            """;

    private static Masking masking(String... lines) {
        return Masking.of(new MaskingSettings(Arrays.stream(lines).map(MaskRule::parse).toList(), false, false), KEY);
    }

    private static BrowsedMessage message(String value, MessageHeader... headers) {
        return new BrowsedMessage("orders", 1, 42, Instant.parse("2026-05-01T09:30:00Z"), utf8("ord-1"),
                value == null ? null : utf8(value), List.of(headers));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode valueOf(MaskedMessage masked) throws Exception {
        return JSON.readTree(masked.message().value());
    }

    @Test
    void aNestedFieldIsMaskedAndTheRestOfTheDocumentKeptAsWritten() throws Exception {
        MaskedMessage masked = masking("$.card.number mask").apply(message(ORDER));

        JsonNode value = valueOf(masked);
        assertThat(value.at("/card/number").asText()).isEqualTo(Masking.MASKED);
        assertThat(value.at("/card/holder").asText()).isEqualTo("Ada");
        assertThat(new String(masked.message().value(), StandardCharsets.UTF_8)).contains("\"amount\":120.50")
                .doesNotContain("4111");
        assertThat(masked.masked()).extracting(MaskedField::path).containsExactly("$.card.number");
        assertThat(masked.note()).isEmpty();
    }

    @Test
    void aValueReadThroughItsSchemaIsMaskedAsItsJsonAndItsBytesAsWrittenAreNotShown() throws Exception {
        byte[] avro = {0, 0, 0, 0, 7, 8, '4', '1', '1', '1'}; // the wire format; its strings are UTF-8 inside
        var decoded = DecodedValue.read("Avro", 7, "orders-value v1", "{}", utf8(ORDER));
        var read = new BrowsedMessage("orders", 1, 42, Instant.parse("2026-05-01T09:30:00Z"), utf8("ord-1"), avro,
                List.of(), false, java.util.Map.of(), decoded);
        Masking masking = masking("$.card.number mask");

        MaskedMessage masked = masking.apply(read);

        assertThat(JSON.readTree(masked.message().readableValue()).at("/card/number").asText())
                .isEqualTo(Masking.MASKED);
        assertThat(new String(masked.message().value(), StandardCharsets.UTF_8)).as("not the Avro bytes")
                .doesNotContain("4111")
                .isEqualTo(new String(masked.message().readableValue(), StandardCharsets.UTF_8));
        assertThat(masked.message().decoded().note()).isEqualTo(decoded.note());
        assertThat(masking.reveal(read, masked.masked().getFirst())).contains("4111 1111 1111 1111");
    }

    @Test
    void aMaskedProtobufValueStillSaysWhichMessageOfItsSchemaItWas() {
        byte[] proto = {0, 0, 0, 0, 9, 2, 2, 10, 1, 'x'};
        var decoded = DecodedValue.read("Protobuf", 9, "orders-value v2", "", utf8(ORDER))
                .withMessageType("shop.Order");
        var read = new BrowsedMessage("orders", 0, 1, Instant.parse("2026-05-01T09:30:00Z"), null, proto, List.of(),
                false, java.util.Map.of(), decoded);

        MaskedMessage masked = masking("$.card.number mask").apply(read);

        assertThat(masked.message().decoded().messageType()).isEqualTo("shop.Order");
        assertThat(masked.message().decoded().note()).isEqualTo("Protobuf shop.Order, schema id 9 (orders-value v2)");
    }

    @Test
    void aDeepScanFindsTheFieldAtEveryLevel() throws Exception {
        MaskedMessage masked = masking("$..email mask").apply(message(ORDER));

        JsonNode value = valueOf(masked);
        assertThat(value.at("/customer/email").asText()).isEqualTo(Masking.MASKED);
        assertThat(value.at("/customer/contact/email").asText()).isEqualTo(Masking.MASKED);
        assertThat(masked.masked()).extracting(MaskedField::path)
                .containsExactly("$.customer.email", "$.customer.contact.email");
    }

    @Test
    void arrayElementsByWildcardAndByIndex() throws Exception {
        JsonNode all = valueOf(masking("$.items[*].iban mask").apply(message(ORDER)));
        assertThat(all.at("/items/0/iban").asText()).isEqualTo(Masking.MASKED);
        assertThat(all.at("/items/1/iban").asText()).isEqualTo(Masking.MASKED);
        assertThat(all.at("/items/1/sku").asText()).isEqualTo("b");

        JsonNode second = valueOf(masking("$['items'][1]['iban'] mask").apply(message(ORDER)));
        assertThat(second.at("/items/0/iban").asText()).isEqualTo("DE89370400440532013000");
        assertThat(second.at("/items/1/iban").asText()).isEqualTo(Masking.MASKED);
    }

    @Test
    void removeLeavesNoTraceOfAFieldOrAnArrayElement() throws Exception {
        MaskedMessage masked = masking("$.card remove", "$.items[0] remove").apply(message(ORDER));

        JsonNode value = valueOf(masked);
        assertThat(value.has("card")).isFalse();
        assertThat(value.get("items")).hasSize(1);
        assertThat(value.at("/items/0/sku").asText()).isEqualTo("b");
        assertThat(new String(masked.message().value(), StandardCharsets.UTF_8)).doesNotContain("4111", "DE89");
        assertThat(masked.masked()).extracting(MaskedField::action).containsOnly(MaskAction.REMOVE);
    }

    @Test
    void hashesAreStableUnderOneKeyAndDifferUnderAnother() throws Exception {
        String first = valueOf(masking("$..email hash").apply(message(ORDER))).at("/customer/email").asText();
        String again = valueOf(masking("$..email hash").apply(message(ORDER))).at("/customer/email").asText();
        String otherKey = JSON.readTree(Masking.of(new MaskingSettings(List.of(MaskRule.parse("$..email hash")),
                false, false), HashKey.random()).apply(message(ORDER)).message().value()).at("/customer/email").asText();

        assertThat(first).matches("hash:[0-9a-f]{16}").isEqualTo(again).isNotEqualTo(otherKey);
        // A key read back from its text hashes alike: the desktop and the command line share it.
        assertThat(HashKey.fromText(KEY.text()).hash(utf8("ada@example.com"))).isEqualTo(first);
        // The same address in a header hashes to the same value: events correlate across both.
        var header = masking("header x-customer hash").apply(message("{}",
                new MessageHeader("x-customer", utf8("ada@example.com"))));
        assertThat(new String(header.message().headers().getFirst().value(), StandardCharsets.UTF_8))
                .isEqualTo(first);
    }

    @Test
    void headersAreMatchedInAnyCase() {
        MaskedMessage masked = masking("header Authorization mask", "header X-CARD remove").apply(message("{}",
                new MessageHeader("authorization", utf8("Bearer s3cr3t")), new MessageHeader("trace", utf8("t-1")),
                new MessageHeader("x-card", utf8("4111111111111111"))));

        List<MessageHeader> headers = masked.message().headers();
        assertThat(headers).extracting(MessageHeader::name).containsExactly("authorization", "trace");
        assertThat(new String(headers.getFirst().value(), StandardCharsets.UTF_8)).isEqualTo(Masking.MASKED);
        assertThat(masked.masked()).extracting(MaskedField::spoken)
                .containsExactly("header authorization", "header x-card");
    }

    @Test
    void theStrongestActionWinsWhenTwoRulesNameOneValue() throws Exception {
        JsonNode value = valueOf(masking("$..number hash", "$.card.number mask").apply(message(ORDER)));
        assertThat(value.at("/card/number").asText()).isEqualTo(Masking.MASKED);
    }

    @Test
    void aCutValueIsMaskedUpToTheCutAndNothingAfterIt() {
        byte[] whole = utf8(ORDER);
        byte[] cut = Arrays.copyOf(whole, ORDER.indexOf("ada@") + 3); // inside the first e-mail address
        MaskedMessage masked = masking("$.card.number mask").apply(new BrowsedMessage("orders", 0, 1, null, null,
                cut, List.of()));

        String shown = new String(masked.message().value(), StandardCharsets.UTF_8);
        assertThat(shown).startsWith("{\"order\":\"ord-1\"").contains(Masking.MASKED).doesNotContain("4111", "ada");
        assertThat(masked.note()).contains("withheld");
    }

    @Test
    void everyByteOutsideAMaskedValueIsKeptAsWritten() {
        String pretty = "{\n  \"amount\" : 1.10E+2,\n  \"card\" : { \"number\" : \"4111111111111111\" },\n"
                + "  \"note\" : \"caf\\u00e9 \\\"quoted\\\"\"\n}\n";
        String masked = new String(masking("$.card.number mask").apply(message(pretty)).message().value(),
                StandardCharsets.UTF_8);

        assertThat(masked).isEqualTo(pretty.replace("\"4111111111111111\"", "\"•••\""));
    }

    @Test
    void removedMembersTakeTheirCommaWithThemWhereverTheyStand() throws Exception {
        String doc = "{ \"a\": 1, \"b\": {\"x\": 2}, \"c\": [3, 4, 5], \"d\": \"four\" }";
        assertThat(removing(doc, "$.a")).isEqualTo("{ \"b\": {\"x\": 2}, \"c\": [3, 4, 5], \"d\": \"four\" }");
        assertThat(removing(doc, "$.b")).isEqualTo("{ \"a\": 1, \"c\": [3, 4, 5], \"d\": \"four\" }");
        assertThat(removing(doc, "$.d")).isEqualTo("{ \"a\": 1, \"b\": {\"x\": 2}, \"c\": [3, 4, 5] }");
        assertThat(removing(doc, "$.a", "$.b")).isEqualTo("{ \"c\": [3, 4, 5], \"d\": \"four\" }");
        assertThat(removing(doc, "$.*")).isEqualTo("{  }");
        assertThat(removing(doc, "$.c[0]")).isEqualTo("{ \"a\": 1, \"b\": {\"x\": 2}, \"c\": [4, 5], \"d\": \"four\" }");
        assertThat(removing(doc, "$.c[1]")).isEqualTo("{ \"a\": 1, \"b\": {\"x\": 2}, \"c\": [3, 5], \"d\": \"four\" }");
        assertThat(removing(doc, "$.c[*]")).isEqualTo("{ \"a\": 1, \"b\": {\"x\": 2}, \"c\": [], \"d\": \"four\" }");
        assertThat(removing(doc, "$..x")).isEqualTo("{ \"a\": 1, \"b\": {}, \"c\": [3, 4, 5], \"d\": \"four\" }");
        for (String rule : List.of("$.a", "$.b", "$.c", "$.d", "$.c[0]", "$.c[2]", "$..x", "$.*")) {
            JSON.readTree(removing(doc, rule)); // still JSON, whichever member went
        }
    }

    private static String removing(String doc, String... paths) {
        return new String(masking(Arrays.stream(paths).map(path -> path + " remove").toArray(String[]::new))
                .apply(message(doc)).message().value(), StandardCharsets.UTF_8);
    }

    @Test
    void aValueCutAnywhereShowsAPrefixOfTheWholeMaskedValueAndNoSecret() {
        Masking masking = masking("$.card.number mask", "$..email hash", "$.order remove", "$.items[0] remove");
        byte[] whole = utf8(ORDER);
        String full = new String(masking.apply(message(ORDER)).message().value(), StandardCharsets.UTF_8);
        for (int cut = 1; cut < whole.length; cut++) {
            MaskedMessage masked = masking.apply(new BrowsedMessage("orders", 0, 1, null, null,
                    Arrays.copyOf(whole, cut), List.of()));
            String shown = new String(masked.message().value(), StandardCharsets.UTF_8);
            assertThat(full).as("cut at %d", cut).startsWith(shown);
            assertThat(shown).as("cut at %d", cut).doesNotContain("4111", "ada@", "ada.work", "ord-1", "DE89");
        }
    }

    @Test
    void aTextValueIsLeftAloneWithANoteUnlessTextPiiIsMasked() {
        String text = "refund for ada@example.com to card 4111-1111-1111-1111, order 1234567890123";
        MaskedMessage plain = masking("$.card.number mask").apply(message(text));
        assertThat(new String(plain.message().value(), StandardCharsets.UTF_8)).isEqualTo(text);
        assertThat(plain.note()).contains("text, not JSON");

        var withPii = Masking.of(new MaskingSettings(List.of(), true, false), KEY).apply(message(text));
        assertThat(new String(withPii.message().value(), StandardCharsets.UTF_8))
                .isEqualTo("refund for ••• to card •••, order 1234567890123"); // the order id fails Luhn
    }

    @Test
    void textPiiIsMaskedInHeadersNoRuleNamesAndBinaryHeadersAreLeftAsTheyAre() {
        byte[] offset = {0, 0, 0, 0, 0, 0, 0, 42};
        MaskedMessage masked = Masking.of(new MaskingSettings(List.of(MaskRule.parse("header authorization mask")),
                true, false), KEY).apply(message("{}",
                new MessageHeader("kafka_dlt-exception-message", utf8("no customer ada@example.com")),
                new MessageHeader("kafka_dlt-original-offset", offset),
                new MessageHeader("authorization", utf8("Bearer s3cr3t")),
                new MessageHeader("trace", utf8("t-1"))));

        List<MessageHeader> headers = masked.message().headers();
        assertThat(new String(headers.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("no customer •••");
        assertThat(headers.get(1).value()).isEqualTo(offset);
        assertThat(new String(headers.get(2).value(), StandardCharsets.UTF_8)).isEqualTo(Masking.MASKED);
        assertThat(new String(headers.get(3).value(), StandardCharsets.UTF_8)).isEqualTo("t-1");
        // Without the opt-in, only the rules apply.
        assertThat(masking("header authorization mask").apply(message("{}",
                new MessageHeader("x", utf8("ada@example.com")))).message().headers().getFirst().value())
                .isEqualTo(utf8("ada@example.com"));
    }

    @Test
    void oneHeaderValueAndFreeTextAreShownAsTheRulesSay() {
        var masking = Masking.of(new MaskingSettings(List.of(MaskRule.parse("header x-customer hash"),
                MaskRule.parse("header session remove"), MaskRule.parse("header authorization mask")), true, false),
                KEY);
        assertThat(masking.header("X-Customer", utf8("ada@example.com"), "ada@example.com"))
                .contains(KEY.hash(utf8("ada@example.com")));
        assertThat(masking.header("session", utf8("s"), "s")).isEmpty();
        assertThat(masking.header("authorization", utf8("Bearer s"), "Bearer s")).contains(Masking.MASKED);
        assertThat(masking.header("note", utf8("mail ada@example.com"), "mail ada@example.com"))
                .contains("mail •••");
        assertThat(masking.text("IBAN DE89370400440532013000, order 1234567890123"))
                .isEqualTo("IBAN •••, order 1234567890123");
        assertThat(Masking.NONE.text("ada@example.com")).isEqualTo("ada@example.com");
        assertThat(Masking.of(new MaskingSettings(List.of(MaskRule.parse("header x-customer hash")), false,
                false), null).header("x-customer", utf8("a"), "a")).contains(Masking.MASKED);
    }

    @Test
    void noRulesHandTheMessageBackUntouched() {
        BrowsedMessage message = message(ORDER);
        assertThat(Masking.NONE.apply(message).message()).isSameAs(message);
        assertThat(Masking.of(MaskingSettings.NONE, KEY)).isSameAs(Masking.NONE);
        // Rules that match nothing keep the value's bytes exactly (no reformatting).
        assertThat(masking("$.nothing mask").apply(message).message().value()).isEqualTo(message.value());
    }

    @Test
    void aMaskedFieldIsRevealedFromTheRawMessage() {
        BrowsedMessage raw = message(ORDER, new MessageHeader("authorization", utf8("Bearer s3cr3t")));
        Masking masking = masking("$.items[*].iban hash", "header authorization mask");
        MaskedMessage masked = masking.apply(raw);

        assertThat(masked.masked()).extracting(MaskedField::spoken)
                .containsExactly("header authorization", "$.items[0].iban", "$.items[1].iban");
        assertThat(masking.reveal(raw, masked.masked().get(2))).contains("GB82WEST12345698765432");
        assertThat(masking.reveal(raw, masked.masked().getFirst())).contains("Bearer s3cr3t");
        // The masked copy holds nothing to reveal.
        assertThat(masking.reveal(masked.message(), masked.masked().get(2))).isNotEqualTo(
                java.util.Optional.of("GB82WEST12345698765432"));
    }

    @Test
    void pathsThatEvaluateAreRefusedWithASentence() {
        assertThatThrownBy(() -> MaskRule.parse("$.items[?(@.price > 10)].iban mask"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a masking path");
        assertThatThrownBy(() -> MaskRule.parse("card.number mask")).hasMessageContaining("must start with $");
        assertThatThrownBy(() -> MaskRule.parse("$.card.number blur")).hasMessageContaining("mask, hash or remove");
        assertThat(MaskRule.parse("header Authorization remove"))
                .isEqualTo(MaskRule.header("Authorization", MaskAction.REMOVE));
        assertThat(MaskRule.parse("$..email hash").line()).isEqualTo("$..email hash");
    }

    @Test
    void malformedOrHostileBytesNeverThrow() {
        Masking masking = Masking.of(new MaskingSettings(List.of(MaskRule.parse("$..a mask"),
                MaskRule.parse("$.b[*] hash"), MaskRule.parse("header h remove")), true, true), KEY);
        byte[] alphabet = utf8("{}[]\":,ab 0.1e9-\\u00\n\ttruefalsenull@4111");
        Fuzz.check(2_000, fuzz -> {
            byte[] value = new byte[fuzz.between(0, 60)];
            for (int i = 0; i < value.length; i++) {
                value[i] = fuzz.below(10) == 0 ? (byte) fuzz.between(-128, 127) : alphabet[fuzz.below(alphabet.length)];
            }
            fuzz.input("value", new String(value, StandardCharsets.ISO_8859_1));
            MaskedMessage masked = masking.apply(new BrowsedMessage("t", 0, 0, null, null, value,
                    List.of(new MessageHeader("H", value))));
            assertThat(masked.message().headers()).isEmpty();
        });
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        assertThat(masking.apply(message(deep)).note()).contains("withheld");
    }
}
