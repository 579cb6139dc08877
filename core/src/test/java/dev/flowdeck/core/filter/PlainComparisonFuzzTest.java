package dev.flowdeck.core.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.fuzz.Fuzz;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A field path compared with a number reads a plain number from its bytes ({@link PlainNumbers#compare}) instead of
 * building a node and a {@code BigDecimal}: it must answer as the node would, for every number, operator and
 * literal, and leave what is no plain number (strings, exponents, long digits, broken values) to the node.
 */
class PlainComparisonFuzzTest {

    private static final JsonFieldPath AMOUNT = JsonFieldPath.parse("$.amount").orElseThrow();

    @Test
    void answersAsTheNodeWould() {
        Fuzz.check(20_000, fuzz -> {
            String amount = fuzz.input("amount", fuzz.of("990", "990.0", "990.00001", "-990", "-0", "0.000", "0",
                    "989.99", "1e3", "9.9E2", "\"995\"", "\"abc\"", "true", "null", "123456789012345678",
                    "1234567890123456789", "-9223372036854775808", "0.000000000000000001", "990.", "12.5",
                    String.valueOf(fuzz.between(-2000, 2000)),
                    fuzz.between(-2000, 2000) + "." + fuzz.between(0, 999_999)));
            String tail = fuzz.input("tail", fuzz.of("}", ",\"b\":1}", " }", "", ",", " ,\"x\":"));
            String document = fuzz.input("document", fuzz.oneIn(10) ? "{\"other\":1}"
                    : "{\"a\":\"x\",\"amount\":" + amount + tail);
            String operator = fuzz.input("operator", fuzz.of(">", ">=", "<", "<=", "==", "!="));
            String literal = fuzz.input("literal", fuzz.of("990", "990.0", "-990", "0", "989.999", "1e3",
                    "1000000000000000000000", "0.1", "\"990\"", String.valueOf(fuzz.between(-2000, 2000)),
                    fuzz.between(-2000, 2000) + "." + fuzz.between(0, 99)));

            var message = new BrowsedMessage("t", 0, 0, null, null, document.getBytes(StandardCharsets.UTF_8),
                    List.of());
            boolean answered = MessageFilter.Json.of("$.amount " + operator + " " + literal).test(message);

            assertThat(answered).isEqualTo(expected(document, operator, literal));
        });
    }

    /** The node's answer, worked out here as the predicate defines it. */
    private static boolean expected(String document, String operator, String literalText) {
        JsonNode value = AMOUNT.findFirst(document.getBytes(StandardCharsets.UTF_8));
        if (value == null) {
            return false;
        }
        boolean literalIsNumber = !literalText.startsWith("\"");
        BigDecimal literal = new BigDecimal(literalText.replace("\"", ""));
        BigDecimal found = value.isNumber() ? value.decimalValue()
                : value.isTextual() ? numberOrNull(value.textValue()) : null;
        return switch (operator) {
            case "==", "!=" -> {
                boolean same = value.isNumber() && literalIsNumber
                        ? found.compareTo(literal) == 0
                        : !literalIsNumber && value.isTextual() && value.textValue().equals(literalText.replace("\"", ""));
                yield operator.equals("==") == same;
            }
            default -> {
                int order;
                if (found != null) {
                    order = found.compareTo(literal);
                } else if (value.isTextual() && !literalIsNumber) { // texts compare as texts
                    order = value.textValue().compareTo(literalText.replace("\"", ""));
                } else {
                    yield false;
                }
                yield switch (operator) {
                    case ">" -> order > 0;
                    case ">=" -> order >= 0;
                    case "<" -> order < 0;
                    default -> order <= 0;
                };
            }
        };
    }

    private static BigDecimal numberOrNull(String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
