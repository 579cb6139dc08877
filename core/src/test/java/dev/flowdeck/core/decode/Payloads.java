package dev.flowdeck.core.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowdeck.core.fuzz.Fuzz;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Generators of what a broker can hand over: arbitrary bytes, text, JSON whole and cut anywhere (mid-token,
 * mid-character), nesting far past the parser's limit, numbers far past a double's range. Shared by the fuzz tests
 * of the decoders, the kept-row cut and the filters; each draws from one try's {@link Fuzz}.
 */
public final class Payloads {

    private static final ObjectMapper QUOTER = new ObjectMapper();

    private Payloads() {
    }

    /** Any of the kinds below, null and empty included. */
    public static byte[] any(Fuzz fuzz) {
        return switch (fuzz.weighted(1, 1, 4, 3, 4, 3, 2, 1, 1)) {
            case 0 -> null;
            case 1 -> new byte[0];
            case 2 -> bytes(fuzz);
            case 3 -> utf8(text(fuzz));
            case 4 -> utf8(jsonDocument(fuzz));
            case 5 -> cut(fuzz, utf8(jsonDocument(fuzz)));
            case 6 -> cut(fuzz, utf8(text(fuzz)));
            case 7 -> deepNesting(fuzz);
            default -> hugeNumbers(fuzz);
        };
    }

    /** Arbitrary bytes, sometimes starting like JSON so the parser is reached. */
    public static byte[] bytes(Fuzz fuzz) {
        byte[] raw = fuzz.bytes(200);
        return switch (fuzz.below(3)) {
            case 0 -> raw;
            case 1 -> concat(utf8("{\"a\":\""), raw);
            default -> concat(utf8("["), raw);
        };
    }

    /**
     * Strings of any chars: controls, line breaks, U+2028/U+2029, astral characters, lone surrogates (encoded as
     * '?'), or of the few chars that matter to JSON and to a one-line preview.
     */
    public static String text(Fuzz fuzz) {
        return fuzz.oneIn(2) ? fuzz.string(80) : fuzz.chars("ab \t\r\n\u2028\u2029é€😀{}[]\"\\:,", 80);
    }

    /** A valid JSON object or array with whitespace here and there, nested at most a few levels. */
    public static String jsonDocument(Fuzz fuzz) {
        return jsonDocument(fuzz, () -> text(fuzz));
    }

    /** Like {@link #jsonDocument(Fuzz)}, its field names drawn from {@code names}: what filters look for. */
    public static String jsonDocument(Fuzz fuzz, Supplier<String> names) {
        String whitespace = fuzz.chars(" \t\r\n", 3);
        return whitespace + container(fuzz, fuzz.between(0, 3), names) + whitespace;
    }

    /** JSON scalars, numbers included that no double holds and strings of any chars. */
    public static String jsonScalar(Fuzz fuzz) {
        return switch (fuzz.below(5)) {
            case 0 -> fuzz.of("true", "false", "null", "0", "-0", "1e400", "-1E-400", "1e+99999", "0.1e-99999",
                    "12.50", "9223372036854775808", "-9223372036854775809", "1.7976931348623157e309",
                    "1.5e999999999999", "1e9223372036854775807", "-1E-9223372036854775808");
            case 1 -> String.valueOf(fuzz.anyLong());
            case 2 -> String.valueOf(fuzz.anyDouble());
            case 3 -> "7" + fuzz.chars("0123456789", JsonLimits.MAX_NUMBER_LENGTH - 1);
            default -> quoted(text(fuzz));
        };
    }

    /** {@code bytes} cut at any point, often inside a multi-byte character or a token. */
    public static byte[] cut(Fuzz fuzz, byte[] bytes) {
        return Arrays.copyOf(bytes, (int) (bytes.length * fuzz.fraction()));
    }

    /** Nesting up to 5,000 deep, balanced or not, of arrays, objects or both. */
    public static byte[] deepNesting(Fuzz fuzz) {
        int depth = fuzz.between(1, 5_000);
        return utf8(switch (fuzz.below(5)) {
            case 0 -> "[".repeat(depth) + "]".repeat(depth);
            case 1 -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            case 2 -> "[{\"a\":".repeat(depth) + "1" + "}]".repeat(depth);
            case 3 -> "[".repeat(depth);
            default -> "{\"a\":[".repeat(depth) + "]}".repeat(depth - 1);
        });
    }

    /** Numbers of thousands of digits, or exponents no double or BigDecimal scale holds. */
    public static byte[] hugeNumbers(Fuzz fuzz) {
        String number = fuzz.oneIn(2) ? "9".repeat(fuzz.between(1, 5_000))
                : fuzz.oneIn(2) ? "1e" + fuzz.anyLong()
                : fuzz.of("1e2147483648", "1e-2147483649", "-1e400", "1.5e999999999999");
        return utf8(fuzz.of("[" + number + "]", "{\"amount\":" + number + "}", "{\"amount\":\"" + number + "\"}",
                number));
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** An array or object of up to four values, each a scalar or, {@code depth} levels down at most, a container. */
    private static String container(Fuzz fuzz, int depth, Supplier<String> names) {
        Supplier<String> value = () -> depth > 0 && fuzz.oneIn(2) ? container(fuzz, depth - 1, names)
                : jsonScalar(fuzz);
        String separator = fuzz.of(",", " , ", ",\n  ", "\t,\r\n");
        if (fuzz.oneIn(2)) {
            return "[" + String.join(separator, fuzz.list(0, 4, value)) + "]";
        }
        Supplier<String> field = () -> quoted(names.get()) + fuzz.of(":", " : ") + value.get();
        return "{" + String.join(separator, fuzz.list(0, 4, field)) + "}";
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
