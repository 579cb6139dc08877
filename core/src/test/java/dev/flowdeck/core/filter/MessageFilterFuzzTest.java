package dev.flowdeck.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.decode.Payloads;
import dev.flowdeck.core.fuzz.Fuzz;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Filters run on a connector's thread over whatever the topic holds: building one from what an operator typed
 * either works or says why (a {@link FilterException}), and testing a message never throws and never hangs. Each
 * test holds its property over a thousand seeded tries ({@link Fuzz}).
 */
class MessageFilterFuzzTest {

    /** The field names the JSON filters below look for. */
    private static final String[] FIELDS = {"amount", "a", "b", "items", "qty", "status"};

    /** A filter as the operator would describe it, built when the test runs; a failure shows the description. */
    private static final class Spec {
        private final String described;
        private final Supplier<MessageFilter> build;

        Spec(String described, Supplier<MessageFilter> build) {
            this.described = described;
            this.build = build;
        }

        @Override
        public String toString() {
            return described;
        }
    }

    @Test
    void jsonFiltersCompareWhateverTheyFind() {
        Fuzz.check(1000, fuzz -> {
            BrowsedMessage message = fuzz.input("message", jsonMessage(fuzz));
            String expression = fuzz.input("expression", pointedJsonExpression(fuzz));

            MessageFilter filter = assertBuiltOrRefused(() -> MessageFilter.Json.of(expression));

            if (filter != null) {
                assertTimeoutPreemptively(Duration.ofSeconds(10), () -> filter.test(message));
            }
        });
    }

    @Test
    void aRegexIsCompiledOrRefusedWithAReason() {
        Fuzz.check(1000, fuzz -> {
            String expression = fuzz.input("regex", regex(fuzz));

            assertBuiltOrRefused(() -> MessageFilter.Regex.of(expression));
        });
    }

    @Test
    void aJsonFilterIsParsedOrRefusedWithAReason() {
        Fuzz.check(1000, fuzz -> {
            String expression = fuzz.input("expression", jsonExpression(fuzz));

            assertBuiltOrRefused(() -> MessageFilter.Json.of(expression));
        });
    }

    @Test
    void noFilterThrowsOrHangsOnAnyMessage() {
        Fuzz.check(1000, fuzz -> {
            BrowsedMessage message = fuzz.input("message", message(fuzz));
            List<Spec> specs = fuzz.input("filters", fuzz.list(1, 4, () -> filter(fuzz)));

            List<MessageFilter> filters = new ArrayList<>();
            for (Spec spec : specs) {
                MessageFilter filter = assertBuiltOrRefused(spec.build);
                if (filter != null) {
                    filters.add(filter);
                }
            }

            boolean all = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                var view = new MessageView(message); // one view for all filters, as a scan does
                boolean every = true;
                for (MessageFilter filter : filters) {
                    boolean passed = filter.test(view);
                    assertThat(filter.test(message)).as("a fresh view answers the same: %s", filter)
                            .isEqualTo(passed);
                    every &= passed;
                }
                return every;
            });
            assertThat(MessageFilter.allOf(filters).test(message)).isEqualTo(all);
        });
    }

    /** Any message; half the values have what the JSON filters look for: their fields, numbers no double holds. */
    private static BrowsedMessage message(Fuzz fuzz) {
        byte[] key = Payloads.any(fuzz);
        byte[] value = fuzz.oneIn(2) ? Payloads.any(fuzz)
                : Payloads.utf8(Payloads.jsonDocument(fuzz, () -> field(fuzz)));
        List<MessageHeader> headers = fuzz.list(0, 4, () -> new MessageHeader(
                fuzz.oneIn(2) ? fuzz.of("event-type", "kafka_dlt-original-offset") : fuzz.string(8),
                Payloads.any(fuzz)));
        return new BrowsedMessage("t", 0, 0, instant(fuzz), key, value, headers);
    }

    /** Mostly documents with the fields the JSON filters look for; scalars are JSON to the filters, not the table. */
    private static BrowsedMessage jsonMessage(Fuzz fuzz) {
        byte[] value = switch (fuzz.weighted(6, 1, 1, 1)) {
            case 0 -> Payloads.utf8(Payloads.jsonDocument(fuzz, () -> field(fuzz)));
            case 1 -> Payloads.utf8(Payloads.jsonScalar(fuzz));
            case 2 -> Payloads.hugeNumbers(fuzz);
            default -> Payloads.deepNesting(fuzz);
        };
        return new BrowsedMessage("t", 0, 0, Instant.EPOCH, null, value, List.of());
    }

    private static String field(Fuzz fuzz) {
        return fuzz.of(FIELDS);
    }

    /** Null, the extremes, or a second within some three centuries of 1970. */
    private static Instant instant(Fuzz fuzz) {
        return switch (fuzz.below(3)) {
            case 0 -> null;
            case 1 -> fuzz.of(Instant.MIN, Instant.MAX, Instant.EPOCH);
            default -> Instant.ofEpochSecond(fuzz.between(-10_000_000_000L, 10_000_000_000L));
        };
    }

    private static String regex(Fuzz fuzz) {
        return switch (fuzz.below(3)) {
            case 0 -> fuzz.chars("ab.*+?()[]{}|^$\\dwsS-,0123456789:=!<>", 16);
            case 1 -> fuzz.string(16);
            default -> fuzz.of("(a+)+$", "\\p{L}+", "(?i)failed", "\\x{1F600}", "[^\\x00-\\x7f]", "(?<=x)y",
                    "(x)\\1", "a{1000}{1000}", "\\C", "[[:alpha:]]");
        };
    }

    private static String jsonExpression(Fuzz fuzz) {
        if (fuzz.oneIn(2)) {
            return fuzz.string(20);
        }
        String path = fuzz.oneIn(2) ? "$" + fuzz.string(12) : fuzz.of("$", "$.amount", "$..amount", "$..*", "$.a[0]",
                "$.a[*].b", "$[0]", "$[-1]", "$['a']", "$.items[?(@.qty > 1)]", "$[?(@ =~ /.*/)]", "$.a.b.c.d",
                "$..a..a", "$[0:2]", "$.length()", "$.a.min()", "$['a','b']", "$[*]", "$.", "$[", "$..",
                "$[?(@.a in ['x'])]", "amount");
        String operator = fuzz.of("", " == ", " != ", " > ", " >= ", " < ", " <= ", " contains ", " exists",
                " exists 1", "==", " > > ");
        String literal = fuzz.oneIn(2) ? fuzz.string(8) : fuzz.of("1", "0", "-0", "12.50", "1e400", "-1e400",
                "1e-400", "1e2147483648", "\"x\"", "\"12.5\"", "\"1e400\"", "true", "false", "null", "abc", "{}",
                "[1]", "", "\"", "1 2", "NaN", "\"\\ud800\"", "9".repeat(2_000), "0x10", "'single'");
        return path + operator + literal;
    }

    /** Paths, operators and values over documents that have those fields: comparisons reach every value. */
    private static String pointedJsonExpression(Fuzz fuzz) {
        String path = fuzz.of("$", "$.amount", "$..amount", "$..*", "$[*]", "$.a", "$..qty", "$.items[*].qty",
                "$..a", "$.status", "$[?(@.qty > 1)]", "$..[?(@.amount < 0)]", "$[?(@ =~ /.*/)]",
                "$..[?(@.a =~ /1/)]", "$.a.min()", "$..amount.length()", "$.items[?(@.qty in [1, 2])]");
        String operator = fuzz.of(" == ", " != ", " > ", " >= ", " < ", " <= ", " contains ", "");
        if (operator.isEmpty()) {
            return path;
        }
        String literal = fuzz.oneIn(2) ? fuzz.of("1e400", "-1e400", "\"x\"", "true", "null", "\"12.5\"", "0")
                : shortScalar(fuzz);
        return path + operator + literal;
    }

    private static String shortScalar(Fuzz fuzz) {
        String scalar = Payloads.jsonScalar(fuzz);
        while (scalar.length() >= 40) {
            scalar = Payloads.jsonScalar(fuzz);
        }
        return scalar;
    }

    /** One filter of any kind, JSON twice as often: it has the most to get wrong. */
    private static Spec filter(Fuzz fuzz) {
        return switch (fuzz.below(7)) {
            case 0 -> {
                String text = fuzz.string(6);
                boolean ignoreCase = fuzz.oneIn(2);
                yield new Spec("text " + Fuzz.describe(text) + (ignoreCase ? " ignoring case" : ""),
                        () -> new MessageFilter.TextContains(text, ignoreCase));
            }
            case 1 -> {
                String regex = regex(fuzz);
                yield new Spec("regex " + Fuzz.describe(regex), () -> MessageFilter.Regex.of(regex));
            }
            case 2 -> {
                byte[] key = Payloads.any(fuzz);
                while (key == null) {
                    key = Payloads.any(fuzz);
                }
                byte[] wanted = key;
                yield new Spec("key " + Fuzz.describe(wanted), () -> new MessageFilter.KeyEquals(wanted));
            }
            case 3 -> {
                String name = fuzz.of("event-type", "x", "");
                String value = fuzz.oneIn(2) ? null : fuzz.string(6);
                yield new Spec("header " + Fuzz.describe(name) + "=" + Fuzz.describe(value),
                        () -> new MessageFilter.HeaderMatches(name, value));
            }
            case 4 -> {
                Instant from = instant(fuzz);
                Instant to = instant(fuzz);
                yield new Spec("time " + from + ".." + to, () -> new MessageFilter.TimeRange(from, to));
            }
            default -> {
                String expression = jsonExpression(fuzz);
                yield new Spec("json " + Fuzz.describe(expression), () -> MessageFilter.Json.of(expression));
            }
        };
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
