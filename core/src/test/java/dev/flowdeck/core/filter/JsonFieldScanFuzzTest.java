package dev.flowdeck.core.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.JsonPath;
import dev.flowdeck.core.decode.JsonLimits;
import dev.flowdeck.core.fuzz.Fuzz;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The byte walk answers exactly what Jackson's streaming parser answers, for JSON and for documents that are almost
 * JSON: random objects over a few names (so paths hit, repeat and nest), with every kind of value, then broken the
 * ways payloads break (bytes dropped, changed, added, cut short).
 */
class JsonFieldScanFuzzTest {

    private static final List<String> PLAIN_NAMES = List.of("a", "b", "amount", "é", "a.b", "");
    /** The plain names, then three spelled with escapes: "amount", "a" and "é" to any JSON reader. */
    private static final List<String> NAMES = Stream.concat(PLAIN_NAMES.stream(),
            Stream.of("\\u0061mount", "\\u0061", "\\u00e9")).toList();
    private static final List<String> PATHS = List.of("$.a", "$.amount", "$.a.b", "$.b.a.amount", "$['é']",
            "$['a.b']", "$['']", "$.a.a");
    private static final byte[] ODD = " \t\n\r{}[]:,\"\\/-+.0123456789eEtrufalsn\u0000\u001f\u007f"
            .getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void answersWhatTheParserAnswers() {
        // Both mappers in use: the filters' exact one, and the plain one correlation keys read with.
        var exact = PATHS.stream()
                .map(path -> JsonFieldPath.of(JsonPath.compile(path), JsonLimits.newMapper()).orElseThrow())
                .toList();
        var plain = PATHS.stream().map(path -> JsonFieldPath.parse(path).orElseThrow()).toList();
        Fuzz.check(20_000, fuzz -> {
            byte[] document = fuzz.input("document", broken(fuzz, object(fuzz, 0, NAMES)));
            int chosen = fuzz.below(PATHS.size());
            fuzz.input("path", PATHS.get(chosen));
            JsonFieldPath path = fuzz.input("exact numbers", fuzz.oneIn(2)) ? exact.get(chosen) : plain.get(chosen);
            boolean firstWins = fuzz.oneIn(2);
            fuzz.input("firstWins", firstWins);
            JsonNode walked = firstWins ? path.findFirst(document) : path.find(document);
            JsonNode parsed = path.parsed(document, firstWins);
            assertThat(walked).isEqualTo(parsed);
            assertThat(String.valueOf(walked)).as("the same node, written the same").isEqualTo(String.valueOf(parsed));
        });
    }

    @Test
    void answersPlainDocumentsWithoutTheParser() {
        Fuzz.check(2_000, fuzz -> {
            byte[] document = fuzz.input("document", object(fuzz, 0, PLAIN_NAMES));
            long range = JsonFieldScan.find(document, JsonFieldScan.names(List.of("amount")), false);
            assertThat(range).as("plain JSON is answered by the walk").isNotEqualTo(JsonFieldScan.UNSURE);
        });
    }

    private static byte[] object(Fuzz fuzz, int depth, List<String> names) {
        var json = new StringBuilder("{");
        int fields = depth > 3 ? fuzz.below(2) : fuzz.below(5);
        for (int i = 0; i < fields; i++) {
            json.append(i > 0 ? "," : "").append(space(fuzz))
                    .append('"').append(names.get(fuzz.below(names.size()))).append('"')
                    .append(space(fuzz)).append(':').append(space(fuzz))
                    .append(new String(value(fuzz, depth, names), StandardCharsets.UTF_8)).append(space(fuzz));
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] value(Fuzz fuzz, int depth, List<String> names) {
        String text = switch (fuzz.below(depth > 3 ? 6 : 8)) {
            case 0 -> fuzz.of("true", "false", "null");
            case 1 -> fuzz.of("0", "-0", "12", "-7", "990.50", "1e3", "2E-2", "1.5e+10", "123456789012",
                    "12345678901234567890123", "1e400", "-0.0", "2147483648", "-2147483649", "0.000", "100",
                    "-12.3400", "9223372036854775807", "0.1", "1234567890.12345678", "99999999999999999.9");
            case 2 -> String.valueOf(fuzz.anyDouble());
            // Long enough that the walk skips eight bytes at a time, with what stops it anywhere in a word.
            case 3 -> "\"" + fuzz.chars("abcdefgh XYZ-.:@ éü€\uD83D\uDE00", 40)
                    + fuzz.of("", "\\n", "\\\"", "\\u00e9", "x", "~\u007f") + fuzz.chars("abc", 12) + "\"";
            case 4 -> String.valueOf(fuzz.anyLong());
            case 5 -> "\"" + fuzz.of("", "x", "Zoë", "\\n", "\\u00e9", "\\\"q\\\"", "a\\/b", "€ 5", "\uD83D\uDE00")
                    + "\"";
            case 6 -> new String(object(fuzz, depth + 1, names), StandardCharsets.UTF_8);
            default -> {
                var array = new StringBuilder("[");
                int elements = fuzz.below(4);
                for (int i = 0; i < elements; i++) {
                    array.append(i > 0 ? "," : "")
                            .append(new String(value(fuzz, depth + 1, names), StandardCharsets.UTF_8));
                }
                yield array.append(']').toString();
            }
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String space(Fuzz fuzz) {
        return fuzz.oneIn(4) ? fuzz.of(" ", "\n", "\t ", "\r\n") : "";
    }

    /** Most documents left whole; the rest broken once or a few times. */
    private static byte[] broken(Fuzz fuzz, byte[] document) {
        byte[] result = document;
        int breaks = fuzz.weighted(2, 2, 1);
        for (int i = 0; i < breaks && result.length > 0; i++) {
            int at = fuzz.below(result.length);
            var out = new ByteArrayOutputStream();
            switch (fuzz.below(4)) {
                case 0 -> { // a byte dropped
                    out.write(result, 0, at);
                    out.write(result, at + 1, result.length - at - 1);
                }
                case 1 -> { // a byte changed, to a JSON character or to anything
                    out.write(result, 0, result.length);
                    byte[] changed = out.toByteArray();
                    changed[at] = fuzz.oneIn(2) ? ODD[fuzz.below(ODD.length)] : (byte) fuzz.below(256);
                    return changed;
                }
                case 2 -> { // a byte added
                    out.write(result, 0, at);
                    out.write(fuzz.oneIn(2) ? ODD[fuzz.below(ODD.length)] : fuzz.below(256));
                    out.write(result, at, result.length - at);
                }
                default -> out.write(result, 0, at); // cut short
            }
            result = out.toByteArray();
        }
        return result;
    }
}
