package dev.flowdeck.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowdeck.core.fuzz.Fuzz;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-place search answers what {@link String#contains} answers on the same bytes, wherever the literal is. */
class LiteralBytesFuzzTest {

    private static final String ALPHABET = "\"ab:,{} DISPUTED\u00e9\u20ac";

    @Test
    void findsALiteralExactlyWhereAStringSearchDoes() {
        Fuzz.check(50_000, fuzz -> {
            // A small alphabet, so that literals turn up, partly and whole, at every place in a word.
            byte[] text = fuzz.input("text", fuzz.chars(ALPHABET, 60).getBytes(StandardCharsets.UTF_8));
            List<byte[]> literals = fuzz.input("literals", fuzz.list(1, 3,
                    () -> (fuzz.oneIn(3) ? "\"status\":\"" : "") + fuzz.chars(ALPHABET, 6)))
                    .stream().filter(literal -> !literal.isEmpty())
                    .map(literal -> literal.getBytes(StandardCharsets.UTF_8)).toList();
            if (literals.isEmpty()) {
                return;
            }
            String haystack = new String(text, StandardCharsets.ISO_8859_1);
            boolean expected = literals.stream()
                    .anyMatch(literal -> haystack.contains(new String(literal, StandardCharsets.ISO_8859_1)));
            assertThat(new LiteralBytes(literals).foundIn(text)).isEqualTo(expected);
        });
    }

    @Test
    void anchorsOnTheRarestByte() {
        byte[] literal = "\"status\":\"DISPUTED\"".getBytes(StandardCharsets.UTF_8);
        assertThat(LiteralBytes.rarest(literal)).as("the D, not a quote or a lower-case letter").isEqualTo(10);
        assertThat(new LiteralBytes(List.of(literal)).foundIn(
                "{\"a\":\"DISPUTED\",\"status\":\"DISPUTED\"}".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(new LiteralBytes(List.of(literal)).foundIn(
                "{\"a\":\"DISPUTED\",\"status\":\"DISPUTE\"}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(new LiteralBytes(List.of(literal)).foundIn(new byte[0])).isFalse();
    }

    @Test
    void refusesAnEmptyLiteral() {
        assertThatThrownBy(() -> new LiteralBytes(List.of(new byte[0]))).isInstanceOf(IllegalArgumentException.class);
    }
}
