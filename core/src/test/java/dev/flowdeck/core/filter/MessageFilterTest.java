package dev.flowdeck.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageHeader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageFilterTest {

    private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");
    private final BrowsedMessage order = message("ord-1", """
            {"orderId":"ord-1","amount":149.90,"currency":"EUR","status":"FAILED","tags":["vip","eu"],
             "customer":{"email":"ada@example.com"},"retry":null,"items":[{"sku":"SKU-1","qty":2},{"sku":"SKU-9","qty":1}]}
            """, T, new MessageHeader("event-type", bytes("OrderPlaced")));

    @Test
    void aFilterSaysWhichFieldsOfTheValueItReadsWhenThatIsAllItReads() {
        var amount = MessageFilter.Json.of("$.amount > 100");
        var email = MessageFilter.Json.of("$['customer'].email contains \"@\"");
        var key = MessageFilter.KeyEquals.text("ord-1");

        assertThat(MessageFilter.valuePaths(amount)).contains(List.of(List.of("amount")));
        assertThat(MessageFilter.valuePaths(MessageFilter.allOf(List.of(amount, key, email, amount))))
                .contains(List.of(List.of("amount"), List.of("customer", "email")));
        assertThat(MessageFilter.valuePaths(key)).contains(List.of());
        assertThat(MessageFilter.valuePaths(MessageFilter.ALL)).contains(List.of());
        assertThat(MessageFilter.valuePaths(new MessageFilter.TimeRange(T, null))).contains(List.of());
        assertThat(MessageFilter.valuePaths(MessageFilter.HeaderMatches.parse("event-type"))).contains(List.of());

        assertThat(MessageFilter.valuePaths(MessageFilter.Json.of("$..email exists"))).isEmpty();
        assertThat(MessageFilter.valuePaths(MessageFilter.Json.of("$.items[*].sku == \"SKU-1\""))).isEmpty();
        assertThat(MessageFilter.valuePaths(MessageFilter.Json.of("$.items[0].sku exists"))).isEmpty();
        assertThat(MessageFilter.valuePaths(new MessageFilter.TextContains("EUR", false))).isEmpty();
        assertThat(MessageFilter.valuePaths(MessageFilter.allOf(List.of(amount, MessageFilter.Regex.of("x")))))
                .isEmpty();
    }

    @Test
    void textAndRegexLookIntoTheValue() {
        assertThat(new MessageFilter.TextContains("ada@example", false).test(order)).isTrue();
        assertThat(new MessageFilter.TextContains("ADA@EXAMPLE", true).test(order)).isTrue();
        assertThat(new MessageFilter.TextContains("ADA@EXAMPLE", false).test(order)).isFalse();
        assertThat(MessageFilter.Regex.of("SKU-\\d+").test(order)).isTrue();
        assertThat(MessageFilter.Regex.of("^ord-").test(order)).isFalse();
    }

    @Test
    void regexLiteralsAreSoughtInTheRawBytesAsTheirUtf8() {
        var zoe = MessageFilter.Regex.of("\"name\":\"(Zoë|Chloé) [A-Z]");
        assertThat(zoe.literals()).containsExactly("\"name\":\"Zoë ", "\"name\":\"Chloé ");
        assertThat(zoe.prefilter()).isNotNull();
        assertThat(zoe.test(message("k", "{\"name\":\"Zoë Weber\"}", T))).isTrue();
        assertThat(zoe.test(message("k", "{\"name\":\"Zoe Weber\"}", T))).isFalse();
        assertThat(zoe.test(message("k", "{\"name\":\"Zoë weber\"}", T))).as("literal there, no match").isFalse();

        // The literal's bytes are there, but the value is not UTF-8: no text, so no match, as before.
        byte[] literal = bytes("\"name\":\"Zoë W");
        byte[] broken = new byte[literal.length + 1];
        System.arraycopy(literal, 0, broken, 0, literal.length);
        broken[literal.length] = (byte) 0xC3; // a lead byte with nothing after it
        var notText = new BrowsedMessage("orders", 0, 0, T, null, broken, List.of());
        assertThat(zoe.test(notText)).isFalse();
        assertThat(zoe.test(new BrowsedMessage("orders", 0, 0, T, null, null, List.of()))).isFalse();
    }

    @Test
    void headerTextIsANameOrANameAndValue() {
        assertThat(MessageFilter.HeaderMatches.parse("event-type"))
                .isEqualTo(new MessageFilter.HeaderMatches("event-type", null));
        assertThat(MessageFilter.HeaderMatches.parse(" event-type = OrderPlaced"))
                .as("the name without spaces, the value as typed")
                .isEqualTo(new MessageFilter.HeaderMatches("event-type", " OrderPlaced"));
        assertThat(MessageFilter.HeaderMatches.parse("event-type=")).isEqualTo(new MessageFilter.HeaderMatches(
                "event-type", ""));
        assertThat(MessageFilter.HeaderMatches.parse("query=a=b")).isEqualTo(new MessageFilter.HeaderMatches(
                "query", "a=b"));
        assertThat(MessageFilter.HeaderMatches.parse("event-type=OrderPlaced").test(order)).isTrue();
        assertThat(MessageFilter.HeaderMatches.parse("event-type=OrderPaid").test(order)).isFalse();
        assertThat(MessageFilter.HeaderMatches.parse("trace").test(order)).isFalse();
    }

    @Test
    void headerTextWithoutANameIsRefused() {
        for (String text : new String[] {"", "  ", "=x", " = x", "="}) {
            assertThatThrownBy(() -> MessageFilter.HeaderMatches.parse(text)).as("'" + text + "'")
                    .isInstanceOf(FilterException.class)
                    .hasMessage("A header filter needs a name: write NAME or NAME=VALUE, not '" + text + "'.");
        }
        assertThatThrownBy(() -> MessageFilter.HeaderMatches.parse(null)).isInstanceOf(FilterException.class);
    }

    @Test
    void aPatternThatWouldBacktrackForeverIsLinearHere() {
        var evil = message("k", "a".repeat(50_000) + "!", T);
        // With java.util.regex this pattern takes exponential time on this input; RE2 answers at once.
        assertThat(MessageFilter.Regex.of("(a+)+$").test(evil)).isFalse();
    }

    @Test
    void regexesRE2CannotRunAreRefusedWithAReason() {
        assertThatThrownBy(() -> MessageFilter.Regex.of("(?<=x)y"))
                .isInstanceOf(FilterException.class).hasMessageContaining("RE2 syntax");
    }

    @Test
    void keyHeaderAndTime() {
        assertThat(MessageFilter.KeyEquals.text("ord-1").test(order)).isTrue();
        assertThat(MessageFilter.KeyEquals.text("ord-2").test(order)).isFalse();
        assertThat(new MessageFilter.HeaderMatches("event-type", "OrderPlaced").test(order)).isTrue();
        assertThat(new MessageFilter.HeaderMatches("event-type", null).test(order)).isTrue();
        assertThat(new MessageFilter.HeaderMatches("traceparent", null).test(order)).isFalse();
        assertThat(new MessageFilter.TimeRange(T, T.plusSeconds(1)).test(order)).isTrue();
        assertThat(new MessageFilter.TimeRange(T.plusSeconds(1), null).test(order)).isFalse();
    }

    @Test
    void jsonPathPredicates() {
        assertThat(json("$.amount > 100")).isTrue();
        assertThat(json("$.amount >= 149.9")).isTrue();
        assertThat(json("$.amount < 100")).isFalse();
        assertThat(json("$.status == \"FAILED\"")).isTrue();
        assertThat(json("$.status != \"FAILED\"")).isFalse();
        assertThat(json("$.customer.email contains \"@example.com\"")).isTrue();
        assertThat(json("$..email contains \"@example.com\"")).isTrue();
        assertThat(json("$.tags contains \"vip\"")).isTrue();
        assertThat(json("$.items[*].qty > 1")).as("one of several is enough").isTrue();
        assertThat(json("$.items[?(@.sku == 'SKU-9')].qty == 1")).isTrue();
        assertThat(json("$.retry exists")).isTrue();
        assertThat(json("$.refund exists")).isFalse();
        assertThat(json("$.retry")).as("a bare path: null is false").isFalse();
        assertThat(json("$.orderId")).isTrue();
        assertThat(json("$.nothing.deeper > 1")).isFalse();
    }

    @Test
    void jsonFiltersPassNoMessageThatIsNotJsonAndNeverThrow() {
        var binary = new BrowsedMessage("t", 0, 0, T, null, new byte[] {(byte) 0xC3, 0x28, 0x00}, List.of());
        var tombstone = new BrowsedMessage("t", 0, 1, T, bytes("k"), null, List.of());
        var truncated = message("k", "{\"amount\": 12", T);
        for (var message : List.of(binary, tombstone, truncated)) {
            assertThat(MessageFilter.Json.of("$.amount > 1").test(message)).isFalse();
            assertThat(new MessageFilter.TextContains("x", false).test(message)).isFalse();
        }
    }

    @Test
    void aFieldNameSpelledWithEscapesIsFound() {
        var escaped = message("k", "{\"\\u0061mount\": 995}", T);
        assertThat(MessageFilter.Json.of("$.amount > 990").test(escaped)).isTrue();
        assertThat(MessageFilter.Json.of("$.amount < 990").test(escaped)).isFalse();
    }

    @Test
    void aFieldPathReadsTheFirstOccurrenceAndNothingAfterIt() {
        var repeated = message("k", "{\"amount\": 500, \"amount\": 5}", T);
        var brokenTail = message("k", "{\"amount\": 500, \"note\": \"cut he", T);
        var cutNumber = message("k", "{\"status\": \"OK\", \"amount\": 50", T);
        var escapedBefore = message("k", "{\"note\": \"say \\\"amount\\\": 999\", \"amount\": 5}", T);

        assertThat(MessageFilter.Json.of("$.amount > 100").test(repeated)).as("the first occurrence counts").isTrue();
        assertThat(MessageFilter.Json.of("$.amount > 100").test(brokenTail))
                .as("what follows the field is not read").isTrue();
        assertThat(MessageFilter.Json.of("$.amount > 1").test(cutNumber))
                .as("a number the value ends in may be cut: 50 of 5000").isFalse();
        assertThat(MessageFilter.Json.of("$.amount > 100").test(escapedBefore))
                .as("a name inside a string is no field").isFalse();
        assertThat(MessageFilter.Json.of("$..amount > 100").test(brokenTail))
                .as("other paths read the whole value, which must be JSON").isFalse();
    }

    @Test
    void numbersBeyondADoubleCompareExactlyInsteadOfThrowing() {
        var huge = message("k", "{\"amount\": 1e400, \"tiny\": -1e400, \"cents\": 0.1}", T);

        assertThat(MessageFilter.Json.of("$.amount > 100").test(huge)).isTrue();
        assertThat(MessageFilter.Json.of("$.tiny < -100").test(huge)).isTrue();
        assertThat(MessageFilter.Json.of("$.amount == 1e400").test(huge)).isTrue();
        assertThat(MessageFilter.Json.of("$.amount > 1e399").test(huge)).isTrue();
        assertThat(MessageFilter.Json.of("$.cents == 0.10").test(huge)).isTrue();
        assertThat(MessageFilter.Json.of("$..* > 1e400").test(huge)).isFalse();
        assertThat(MessageFilter.Json.of("$.amount < 1e400").test(order)).as("a literal beyond a double").isTrue();
        assertThat(MessageFilter.Json.of("$[?(@.amount > 1)].amount exists").test(huge)).isTrue();
    }

    @Test
    void anExponentNoBigDecimalHoldsMakesTheValueNotJson() {
        for (String value : List.of("{\"amount\": 1.5e999999999999}", "{\"amount\": 1e9223372036854775807}")) {
            assertThat(MessageFilter.Json.of("$.amount > 1").test(message("k", value, T))).as(value).isFalse();
            assertThat(MessageFilter.Json.of("$ exists").test(message("k", value, T))).as(value).isFalse();
        }
    }

    @Test
    void aPathThatCannotApplyToTheDocumentFindsNothing() {
        // Jayway throws for a filter over a primitive.
        for (String value : List.of("42", "\"text\"", "[{\"a\":[1]}]")) {
            var message = message("k", value, T);
            for (String filter : List.of("$[?(@.a > 1)]", "$[?(@.a =~ /x/)] exists")) {
                assertThat(MessageFilter.Json.of(filter).test(message)).as(value + " " + filter).isFalse();
            }
        }
        // Read as a double, 1e400 was infinity, which Jayway's regex match could not turn into text.
        assertThat(MessageFilter.Json.of("$[?(@ =~ /1E\\+400/)]").test(message("k", "[1e400]", T))).isTrue();
    }

    @Test
    void aStringOfAMillionDigitsIsNoNumberAndCostsNoTime() {
        var digits = message("k", "{\"amount\": \"" + "7".repeat(1_000_000) + "\"}", T);

        // BigDecimal takes ~20 s to read a million digits: a scan would stall on every such message.
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> MessageFilter.Json.of("$.amount > 100").test(digits))).isFalse();
        assertThat(MessageFilter.Json.of("$.amount > 100").test(message("k", "{\"amount\": \" 250 \"}", T)))
                .as("a short numeric string still compares as a number").isTrue();
    }

    @Test
    void aHeaderWithANullValueExistsButEqualsNoText() {
        var nullHeader = message("k", "{}", T, new MessageHeader("tombstone-reason", null));
        var binaryHeader = message("k", "{}", T, new MessageHeader("raw", new byte[] {(byte) 0xFF}));

        assertThat(new MessageFilter.HeaderMatches("tombstone-reason", null).test(nullHeader)).isTrue();
        assertThat(new MessageFilter.HeaderMatches("tombstone-reason", "").test(nullHeader)).isFalse();
        assertThat(new MessageFilter.HeaderMatches("raw", "\uFFFD").test(binaryHeader)).isFalse();
        assertThat(new MessageFilter.HeaderMatches("raw", null).test(binaryHeader)).isTrue();
    }

    @Test
    void badJsonFiltersSayHowTheyShouldRead() {
        assertThatThrownBy(() -> MessageFilter.Json.of("amount > 100")).isInstanceOf(FilterException.class)
                .hasMessageContaining("$.amount > 100");
        assertThatThrownBy(() -> MessageFilter.Json.of("$.amount > hundred")).hasMessageContaining("not a value");
        assertThatThrownBy(() -> MessageFilter.Json.of("$.amount exists 3")).hasMessageContaining("takes no value");
        assertThatThrownBy(() -> MessageFilter.Json.of("$.amount > 1.5e999999999999"))
                .isInstanceOf(FilterException.class).hasMessageContaining("not a value");
    }

    @Test
    void filtersCombine() {
        var both = MessageFilter.allOf(List.of(MessageFilter.KeyEquals.text("ord-1"), MessageFilter.Json.of("$.amount > 100")));
        var either = MessageFilter.allOf(List.of(MessageFilter.KeyEquals.text("ord-1"), MessageFilter.Json.of("$.amount > 500")));
        assertThat(both.test(order)).isTrue();
        assertThat(either.test(order)).isFalse();
        assertThat(MessageFilter.ALL.test(order)).isTrue();
    }

    @Test
    void aKeyFilterAloneOrAmongOthersNamesTheKeyEveryMatchHas() {
        var key = MessageFilter.KeyEquals.text("ord-7");
        assertThat(MessageFilter.requiredKey(key)).get().isEqualTo(bytes("ord-7"));
        assertThat(MessageFilter.requiredKey(MessageFilter.allOf(List.of(MessageFilter.Json.of("$.a > 1"), key))))
                .get().isEqualTo(bytes("ord-7"));
        assertThat(MessageFilter.requiredKey(MessageFilter.Json.of("$.a > 1"))).isEmpty();
        assertThat(MessageFilter.requiredKey(MessageFilter.ALL)).isEmpty();
    }

    private boolean json(String expression) {
        return MessageFilter.Json.of(expression).test(order);
    }

    private static BrowsedMessage message(String key, String value, Instant time, MessageHeader... headers) {
        return new BrowsedMessage("orders", 0, 0, time, bytes(key), bytes(value), List.of(headers));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
