package dev.flowdeck.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.decode.PayloadText;
import dev.flowdeck.core.decode.Payloads;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Filters run on a connector's thread over whatever the topic holds: building one from what an operator typed
 * either works or says why (a {@link FilterException}), and testing a message never throws and never hangs.
 */
class MessageFilterFuzzTest {

    /** The field names the JSON filters below look for. */
    private static final String[] FIELDS = {"amount", "a", "b", "items", "qty", "status"};

    /** A filter as the operator would describe it, built when the property runs. */
    record Spec(String described, Supplier<MessageFilter> build) {
        @Override
        public String toString() {
            return described;
        }
    }

    /** A generated message that jqwik reports by its payloads' previews, not by array identities. */
    record Sample(BrowsedMessage message) {
        @Override
        public String toString() {
            return "key=" + PayloadText.preview(message.key(), 200) + " value=" + PayloadText.preview(message.value(),
                    400) + " headers=" + message.headers().stream()
                    .map(h -> h.name() + ":" + PayloadText.preview(h.value(), 40)).toList()
                    + " time=" + message.timestamp();
        }
    }

    @Provide
    Arbitrary<Sample> messages() {
        Arbitrary<MessageHeader> header = Combinators.combine(
                Arbitraries.oneOf(Arbitraries.of("event-type", "kafka_dlt-original-offset"),
                        Arbitraries.strings().ofMaxLength(8)),
                Payloads.any()).as(MessageHeader::new);
        Arbitrary<Instant> time = Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.of(Instant.MIN, Instant.MAX,
                Instant.EPOCH), Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L)
                .map(Instant::ofEpochSecond));
        // Half the values have what the JSON filters look for: their fields, and numbers no double holds.
        Arbitrary<byte[]> values = Arbitraries.oneOf(Payloads.any(),
                Payloads.jsonDocument(Arbitraries.of(FIELDS)).map(Payloads::utf8));
        return Combinators.combine(Payloads.any(), values, header.list().ofMaxSize(4), time)
                .as((key, value, headers, timestamp) ->
                        new Sample(new BrowsedMessage("t", 0, 0, timestamp, key, value, headers)));
    }

    @Provide
    Arbitrary<String> regexes() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab.*+?()[]{}|^$\\dwsS-,0123456789:=!<>").ofMaxLength(16),
                Arbitraries.strings().ofMaxLength(16),
                Arbitraries.of("(a+)+$", "\\p{L}+", "(?i)failed", "\\x{1F600}", "[^\\x00-\\x7f]", "(?<=x)y", "(x)\\1",
                        "a{1000}{1000}", "\\C", "[[:alpha:]]"));
    }

    @Provide
    Arbitrary<String> jsonExpressions() {
        Arbitrary<String> path = Arbitraries.oneOf(
                Arbitraries.of("$", "$.amount", "$..amount", "$..*", "$.a[0]", "$.a[*].b", "$[0]", "$[-1]", "$['a']",
                        "$.items[?(@.qty > 1)]", "$[?(@ =~ /.*/)]", "$.a.b.c.d", "$..a..a", "$[0:2]", "$.length()",
                        "$.a.min()", "$['a','b']", "$[*]", "$.", "$[", "$..", "$[?(@.a in ['x'])]", "amount"),
                Arbitraries.strings().ofMaxLength(12).map(s -> "$" + s));
        Arbitrary<String> operator = Arbitraries.of("", " == ", " != ", " > ", " >= ", " < ", " <= ", " contains ",
                " exists", " exists 1", "==", " > > ");
        Arbitrary<String> literal = Arbitraries.oneOf(
                Arbitraries.of("1", "0", "-0", "12.50", "1e400", "-1e400", "1e-400", "1e2147483648", "\"x\"",
                        "\"12.5\"", "\"1e400\"", "true", "false", "null", "abc", "{}", "[1]", "", "\"", "1 2", "NaN",
                        "\"\\ud800\"", "9".repeat(2_000), "0x10", "'single'"),
                Arbitraries.strings().ofMaxLength(8));
        return Arbitraries.oneOf(
                Combinators.combine(path, operator, literal).as((p, o, l) -> p + o + l),
                Arbitraries.strings().ofMaxLength(20));
    }

    /** Paths, operators and values over documents that have those fields: comparisons reach every value. */
    @Provide
    Arbitrary<String> pointedJsonExpressions() {
        Arbitrary<String> path = Arbitraries.of("$", "$.amount", "$..amount", "$..*", "$[*]", "$.a", "$..qty",
                "$.items[*].qty", "$..a", "$.status", "$[?(@.qty > 1)]", "$..[?(@.amount < 0)]", "$[?(@ =~ /.*/)]",
                "$..[?(@.a =~ /1/)]", "$.a.min()", "$..amount.length()", "$.items[?(@.qty in [1, 2])]");
        Arbitrary<String> operator = Arbitraries.of(" == ", " != ", " > ", " >= ", " < ", " <= ", " contains ", "");
        Arbitrary<String> literal = Arbitraries.oneOf(Arbitraries.of("1e400", "-1e400", "\"x\"", "true", "null",
                "\"12.5\"", "0"), Payloads.jsonScalar().filter(scalar -> scalar.length() < 40));
        return Combinators.combine(path, operator, literal).as((p, o, l) -> o.isEmpty() ? p : p + o + l);
    }

    @Provide
    Arbitrary<Sample> jsonMessages() {
        Arbitrary<byte[]> values = Arbitraries.frequencyOf(
                Tuple.of(6, Payloads.jsonDocument(Arbitraries.of(FIELDS)).map(Payloads::utf8)),
                Tuple.of(1, Payloads.jsonScalar().map(Payloads::utf8)), // JSON to the filters, if not to the table
                Tuple.of(1, Payloads.hugeNumbers()),
                Tuple.of(1, Payloads.deepNesting()));
        return values.map(value -> new Sample(new BrowsedMessage("t", 0, 0, Instant.EPOCH, null, value, List.of())));
    }

    @Property(tries = 1000)
    void jsonFiltersCompareWhateverTheyFind(@ForAll("jsonMessages") Sample sample,
                                            @ForAll("pointedJsonExpressions") String expression) {
        MessageFilter filter = assertBuiltOrRefused(() -> MessageFilter.Json.of(expression));

        if (filter != null) {
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> filter.test(sample.message()));
        }
    }

    @Provide
    Arbitrary<List<Spec>> filters() {
        Arbitrary<Spec> text = Combinators.combine(Arbitraries.strings().ofMaxLength(6), Arbitraries.of(true, false))
                .as((t, ignoreCase) -> new Spec("text " + t, () -> new MessageFilter.TextContains(t, ignoreCase)));
        Arbitrary<Spec> regex = regexes().map(r -> new Spec("regex " + r, () -> MessageFilter.Regex.of(r)));
        Arbitrary<Spec> key = Payloads.any().filter(k -> k != null)
                .map(k -> new Spec("key " + k.length, () -> new MessageFilter.KeyEquals(k)));
        Arbitrary<Spec> header = Combinators.combine(Arbitraries.of("event-type", "x", ""),
                        Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.strings().ofMaxLength(6)))
                .as((name, value) -> new Spec("header " + name + "=" + value,
                        () -> new MessageFilter.HeaderMatches(name, value)));
        Arbitrary<Instant> bound = Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.of(Instant.MIN, Instant.MAX),
                Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L).map(Instant::ofEpochSecond));
        Arbitrary<Spec> time = Combinators.combine(bound, bound)
                .as((from, to) -> new Spec("time " + from + ".." + to, () -> new MessageFilter.TimeRange(from, to)));
        Arbitrary<Spec> json = jsonExpressions().map(e -> new Spec("json " + e, () -> MessageFilter.Json.of(e)));
        return Arbitraries.oneOf(text, regex, key, header, time, json, json).list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 1000)
    void aRegexIsCompiledOrRefusedWithAReason(@ForAll("regexes") String expression) {
        assertBuiltOrRefused(() -> MessageFilter.Regex.of(expression));
    }

    @Property(tries = 1000)
    void aJsonFilterIsParsedOrRefusedWithAReason(@ForAll("jsonExpressions") String expression) {
        assertBuiltOrRefused(() -> MessageFilter.Json.of(expression));
    }

    @Property(tries = 1000)
    void noFilterThrowsOrHangsOnAnyMessage(@ForAll("messages") Sample sample, @ForAll("filters") List<Spec> specs) {
        BrowsedMessage message = sample.message();
        List<MessageFilter> filters = new ArrayList<>();
        for (Spec spec : specs) {
            MessageFilter filter = assertBuiltOrRefused(spec.build());
            if (filter != null) {
                filters.add(filter);
            }
        }

        boolean all = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            var view = new MessageView(message); // one view for all filters, as a scan does
            boolean every = true;
            for (MessageFilter filter : filters) {
                boolean passed = filter.test(view);
                assertThat(filter.test(message)).as("a fresh view answers the same: %s", filter).isEqualTo(passed);
                every &= passed;
            }
            return every;
        });
        assertThat(MessageFilter.allOf(filters).test(message)).isEqualTo(all);
    }

    /** The filter, or null when it was refused with a {@link FilterException} that says something. */
    private static MessageFilter assertBuiltOrRefused(Supplier<MessageFilter> build) {
        try {
            return build.get();
        } catch (FilterException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return null;
        }
    }
}
