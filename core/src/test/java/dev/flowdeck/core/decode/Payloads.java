package dev.flowdeck.core.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of what a broker can hand over: arbitrary bytes, text, JSON whole and cut anywhere (mid-token,
 * mid-character), nesting far past the parser's limit, numbers far past a double's range. Shared by the fuzz tests
 * of the decoders, the kept-row cut and the filters.
 */
public final class Payloads {

    private static final ObjectMapper QUOTER = new ObjectMapper();

    private Payloads() {
    }

    /** Any of the kinds below, null and empty included. */
    public static Arbitrary<byte[]> any() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((byte[]) null)),
                Tuple.of(1, Arbitraries.just(new byte[0])),
                Tuple.of(4, bytes()),
                Tuple.of(3, text().map(Payloads::utf8)),
                Tuple.of(4, jsonDocument().map(Payloads::utf8)),
                Tuple.of(3, cut(jsonDocument().map(Payloads::utf8))),
                Tuple.of(2, cut(text().map(Payloads::utf8))),
                Tuple.of(1, deepNesting()),
                Tuple.of(1, hugeNumbers()));
    }

    /** Arbitrary bytes, sometimes starting like JSON so the parser is reached. */
    public static Arbitrary<byte[]> bytes() {
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        return Arbitraries.oneOf(raw, raw.map(b -> concat(utf8("{\"a\":\""), b)), raw.map(b -> concat(utf8("["), b)));
    }

    /** Strings of any chars: controls, line breaks, astral characters, lone surrogates (encoded as '?'). */
    public static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(80),
                Arbitraries.strings().withChars("ab \t\r\n\u2028é€😀{}[]\"\\:,").ofMaxLength(80));
    }

    /** A valid JSON object or array with whitespace here and there, nested at most a few levels. */
    public static Arbitrary<String> jsonDocument() {
        return jsonDocument(text());
    }

    /** Like {@link #jsonDocument()}, its field names drawn from {@code names}: what filters look for. */
    public static Arbitrary<String> jsonDocument(Arbitrary<String> names) {
        Arbitrary<String> quotedNames = names.map(Payloads::quoted);
        return container(Arbitraries.recursive(Payloads::jsonScalar, inner -> container(inner, quotedNames), 0, 3),
                quotedNames).flatMap(json -> whitespace().map(ws -> ws + json + ws));
    }

    /** JSON scalars, numbers included that no double holds and strings of any chars. */
    public static Arbitrary<String> jsonScalar() {
        return Arbitraries.oneOf(
                Arbitraries.of("true", "false", "null", "0", "-0", "1e400", "-1E-400", "1e+99999", "0.1e-99999",
                        "12.50", "9223372036854775808", "-9223372036854775809", "1.7976931348623157e309",
                        "1.5e999999999999", "1e9223372036854775807", "-1E-9223372036854775808"),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.strings().numeric().ofMaxLength(JsonLimits.MAX_NUMBER_LENGTH - 1).map(d -> "7" + d),
                text().map(Payloads::quoted));
    }

    /** {@code bytes} cut at any point, often inside a multi-byte character or a token. */
    public static Arbitrary<byte[]> cut(Arbitrary<byte[]> bytes) {
        return Combinators.combine(bytes, Arbitraries.doubles().between(0, 1))
                .as((b, where) -> Arrays.copyOf(b, (int) (b.length * where)));
    }

    /** Nesting up to 5,000 deep, balanced or not, of arrays, objects or both. */
    public static Arbitrary<byte[]> deepNesting() {
        return Combinators.combine(Arbitraries.integers().between(1, 5_000), Arbitraries.integers().between(0, 4))
                .as((depth, shape) -> utf8(switch (shape) {
                    case 0 -> "[".repeat(depth) + "]".repeat(depth);
                    case 1 -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                    case 2 -> "[{\"a\":".repeat(depth) + "1" + "}]".repeat(depth);
                    case 3 -> "[".repeat(depth);
                    default -> "{\"a\":[".repeat(depth) + "]}".repeat(depth - 1);
                }));
    }

    /** Numbers of thousands of digits, or exponents no double or BigDecimal scale holds. */
    public static Arbitrary<byte[]> hugeNumbers() {
        Arbitrary<String> digits = Arbitraries.integers().between(1, 5_000).map("9"::repeat);
        Arbitrary<String> exponents = Arbitraries.oneOf(Arbitraries.longs().map(e -> "1e" + e),
                Arbitraries.of("1e2147483648", "1e-2147483649", "-1e400", "1.5e999999999999"));
        return Arbitraries.oneOf(digits, exponents).flatMap(number -> Arbitraries.of(
                "[" + number + "]", "{\"amount\":" + number + "}", "{\"amount\":\"" + number + "\"}", number))
                .map(Payloads::utf8);
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Arbitrary<String> container(Arbitrary<String> inner, Arbitrary<String> quotedNames) {
        Arbitrary<String> separator = Arbitraries.of(",", " , ", ",\n  ", "\t,\r\n");
        Arbitrary<String> array = Combinators.combine(inner.list().ofMaxSize(4), separator)
                .as((values, sep) -> "[" + String.join(sep, values) + "]");
        Arbitrary<String> field = Combinators.combine(quotedNames, Arbitraries.of(":", " : "), inner)
                .as((name, colon, value) -> name + colon + value);
        Arbitrary<String> object = Combinators.combine(field.list().ofMaxSize(4), separator)
                .as((fields, sep) -> "{" + String.join(sep, fields) + "}");
        return Arbitraries.oneOf(array, object);
    }

    private static Arbitrary<String> whitespace() {
        return Arbitraries.strings().withChars(" \t\r\n").ofMaxLength(3);
    }

    private static String quoted(String text) {
        try {
            return QUOTER.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** Whether {@code text} holds a surrogate without its partner. */
    public static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
