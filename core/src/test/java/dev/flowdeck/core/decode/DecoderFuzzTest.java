package dev.flowdeck.core.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.flowdeck.core.decode.JsonTree.Kind;
import dev.flowdeck.core.decode.JsonTree.Node;
import dev.flowdeck.core.fuzz.Fuzz;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every decoder over whatever a broker can hand over: never throws, and what it says agrees with the bytes. Each test
 * holds its property over a few hundred seeded tries ({@link Fuzz}).
 */
class DecoderFuzzTest {

    private static String headerName(Fuzz fuzz) {
        return fuzz.oneIn(2) ? fuzz.of("kafka_dlt-original-partition", "kafka_dlt-original-offset",
                "retry_topic-backoff-timestamp", "traceparent") : fuzz.string(10);
    }

    @Test
    void strictUtf8IsExactlyWhatReEncodesToTheSameBytes() {
        Fuzz.check(500, fuzz -> {
            byte[] bytes = fuzz.input("bytes", Payloads.any(fuzz));

            String text = Utf8.decodeOrNull(bytes);

            if (text != null) {
                assertThat(text.getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes);
                assertThat(Payloads.hasLoneSurrogate(text)).isFalse();
            } else if (bytes != null) {
                // Lenient decoding had to replace something, or re-encoding differs: the bytes were not UTF-8.
                assertThat(new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8))
                        .isNotEqualTo(bytes);
            }
        });
    }

    @Test
    void headerValuesAreTextNumbersOrTheirOwnHex() {
        Fuzz.check(500, fuzz -> {
            String name = fuzz.input("name", headerName(fuzz));
            byte[] bytes = fuzz.input("bytes", Payloads.any(fuzz));

            var shown = HeaderValues.show(name, bytes);

            switch (shown.kind()) {
                case NULL -> assertThat(bytes).isNull();
                case NUMBER -> assertThat(bytes.length).isIn(4, 8);
                case TEXT -> {
                    assertThat(shown.text()).isEqualTo(Utf8.decodeOrNull(bytes));
                    assertThat(PayloadFormat.detect(bytes))
                            .isIn(PayloadKind.TEXT, PayloadKind.JSON, PayloadKind.EMPTY);
                }
                case BINARY -> assertThat(shown.text()).isEqualTo("0x" + HexFormat.of().formatHex(bytes));
            }
        });
    }

    @Test
    void theKindAgreesWithTheBytes() {
        Fuzz.check(1000, fuzz -> {
            byte[] bytes = fuzz.input("bytes", Payloads.any(fuzz));

            PayloadKind kind = PayloadFormat.detect(bytes);

            String text = Utf8.decodeOrNull(bytes);
            switch (kind) {
                case NULL -> assertThat(bytes).isNull();
                case EMPTY -> assertThat(bytes).isEmpty();
                case JSON -> assertThat(tokens(text)).isNotEmpty();
                case TEXT -> assertThat(text).isNotNull()
                        .doesNotContainPattern("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]");
                case BINARY -> assertThat(text == null || !PayloadFormat.printable(text)).isTrue();
            }
            if (kind != PayloadKind.JSON && text != null) {
                assertThat(tokens(text)).as("Jackson with the same limits cannot read it as one object or array")
                        .isEmpty();
            }
        });
    }

    @Test
    void validJsonWithinTheLimitsIsJson() {
        Fuzz.check(300, fuzz -> {
            byte[] json = fuzz.input("json", Payloads.utf8(Payloads.jsonDocument(fuzz)));

            assertThat(PayloadFormat.detect(json)).isEqualTo(PayloadKind.JSON);
        });
    }

    @Test
    void aCutJsonDocumentIsNeverJson() {
        Fuzz.check(500, fuzz -> {
            byte[] json = fuzz.input("json", Payloads.utf8(Payloads.jsonDocument(fuzz)));
            int permille = fuzz.input("permille", fuzz.between(0, 999));

            byte[] cut = Arrays.copyOf(json, json.length * permille / 1000);
            boolean onlyWhitespaceLost = new String(json, cut.length, json.length - cut.length,
                    StandardCharsets.UTF_8).isBlank();

            assertThat(PayloadFormat.detect(cut) == PayloadKind.JSON).isEqualTo(onlyWhitespaceLost);
        });
    }

    @Test
    void aPreviewIsOneLineWithinTheLimitAndAPrefixOfTheWholeOne() {
        Fuzz.check(1000, fuzz -> {
            byte[] bytes = fuzz.input("bytes", Payloads.any(fuzz));
            int maxChars = fuzz.input("maxChars", fuzz.between(-2, 120));

            String whole = PayloadText.preview(bytes, Integer.MAX_VALUE);
            String preview = PayloadText.preview(bytes, maxChars);

            assertThat(preview.length()).isLessThanOrEqualTo(Math.max(0, maxChars));
            assertThat(preview).doesNotContain("\n", "\r", "\t", "\u2028", "\u2029");
            if (maxChars <= 0) {
                assertThat(preview).isEmpty();
            } else if (whole.length() <= maxChars) {
                assertThat(preview).isEqualTo(whole);
            } else {
                assertThat(preview).endsWith("…");
                String kept = preview.substring(0, preview.length() - 1);
                assertThat(whole).startsWith(kept);
                assertThat(kept.length()).isGreaterThanOrEqualTo(maxChars - 2); // less a half pair or half a byte
            }
            if (!Payloads.hasLoneSurrogate(whole)) {
                assertThat(Payloads.hasLoneSurrogate(preview)).isFalse();
            }
        });
    }

    @Test
    void jsonPreviewsAndPrettyJsonReadAsTheSameTokens() {
        Fuzz.check(500, fuzz -> {
            byte[] bytes = fuzz.input("bytes", Payloads.any(fuzz));

            Optional<String> pretty = PayloadText.prettyJson(bytes);

            assertThat(pretty.isPresent()).isEqualTo(PayloadFormat.detect(bytes) == PayloadKind.JSON);
            pretty.ifPresent(indented -> {
                List<String> original = tokens(new String(bytes, StandardCharsets.UTF_8));
                assertThat(tokens(indented)).isEqualTo(original);
                assertThat(tokens(PayloadText.preview(bytes, Integer.MAX_VALUE))).isEqualTo(original);
            });
        });
    }

    @Test
    void lenientTextAgreesWithStrictTextWhereThereIsOne() {
        Fuzz.check(500, fuzz -> {
            byte[] bytes = fuzz.input("bytes", Payloads.any(fuzz));

            String text = PayloadText.text(bytes);

            assertThat(Payloads.hasLoneSurrogate(text)).isFalse();
            String strict = Utf8.decodeOrNull(bytes);
            if (strict != null) {
                assertThat(text).isEqualTo(strict);
            }
        });
    }

    @Test
    void aHexDumpReadsBackAsTheBytesItShows() {
        Fuzz.check(500, fuzz -> {
            byte[] bytes = fuzz.input("bytes", Payloads.any(fuzz));
            int maxBytes = fuzz.input("maxBytes", fuzz.between(-1, 300));

            String dump = HexDump.of(bytes, maxBytes);

            if (bytes == null || bytes.length == 0) {
                assertThat(dump).isIn("(null)", "(empty)");
                return;
            }
            int shown = Math.clamp(maxBytes, 0, bytes.length);
            List<String> lines = dump.lines().toList();
            assertThat(lines).hasSize((shown + 15) / 16 + (shown < bytes.length ? 1 : 0));
            var read = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < (shown + 15) / 16; i++) {
                String line = lines.get(i);
                assertThat(line.substring(0, 8)).isEqualTo(HexFormat.of().toHexDigits(i * 16));
                assertThat(line.charAt(60)).isEqualTo('|');
                assertThat(line).endsWith("|");
                byte[] row = HexFormat.of().parseHex(line.substring(10, 59).replace(" ", ""));
                String ascii = line.substring(61, line.length() - 1);
                assertThat(ascii).hasSize(row.length);
                for (int j = 0; j < row.length; j++) {
                    int b = row[j] & 0xFF;
                    assertThat(ascii.charAt(j)).isEqualTo(b >= 0x20 && b < 0x7F ? (char) b : '.');
                }
                read.writeBytes(row);
            }
            assertThat(read.toByteArray()).isEqualTo(Arrays.copyOf(bytes, shown));
            if (shown < bytes.length) {
                assertThat(lines.getLast()).startsWith("… ").contains(" not shown ");
            }
        });
    }

    @Test
    void aTreeHoldsTheDocumentOrAsMuchAsItsBudgetAndCountsTheRest() {
        Fuzz.check(500, fuzz -> {
            byte[] bytes = fuzz.input("bytes", Payloads.any(fuzz));
            int maxNodes = fuzz.input("maxNodes", fuzz.between(0, 40));

            Optional<Node> whole = JsonTree.parse(bytes, Integer.MAX_VALUE);
            Optional<Node> limited = JsonTree.parse(bytes, maxNodes);

            assertThat(whole.isPresent()).isEqualTo(PayloadFormat.detect(bytes) == PayloadKind.JSON);
            assertThat(limited.isPresent()).isEqualTo(whole.isPresent());
            whole.ifPresent(tree -> {
                assertThat(count(tree, Kind.MORE)).isZero();
                assertThat(tokens(tree)).isEqualTo(tokens(new String(bytes, StandardCharsets.UTF_8)));
                int all = nodes(tree);
                assertThat(nodes(limited.get())).isEqualTo(Math.min(Math.max(1, maxNodes), all));
                sameShape(limited.get(), tree);
            });
        });
    }

    /** The limited tree is the whole one with some children left out, each container's MORE counting them. */
    private static void sameShape(Node limited, Node whole) {
        assertThat(limited.name()).isEqualTo(whole.name());
        assertThat(limited.kind()).isEqualTo(whole.kind());
        assertThat(limited.value()).isEqualTo(whole.value());
        List<Node> shown = limited.children().stream().filter(n -> n.kind() != Kind.MORE).toList();
        int more = limited.children().stream().filter(n -> n.kind() == Kind.MORE)
                .mapToInt(n -> Integer.parseInt(n.value().replaceAll("\\D", ""))).sum();
        assertThat(shown.size() + more).isEqualTo(whole.children().size());
        for (int i = 0; i < shown.size(); i++) {
            sameShape(shown.get(i), whole.children().get(i));
        }
    }

    private static int nodes(Node node) {
        int count = node.kind() == Kind.MORE ? 0 : 1;
        for (Node child : node.children()) {
            count += nodes(child);
        }
        return count;
    }

    private static int count(Node node, Kind kind) {
        return (node.kind() == kind ? 1 : 0) + node.children().stream().mapToInt(child -> count(child, kind)).sum();
    }

    /** The tree written back as the token stream it was read from. */
    private static List<String> tokens(Node tree) {
        List<String> out = new ArrayList<>();
        write(tree, false, out);
        return out;
    }

    private static void write(Node node, boolean inObject, List<String> out) {
        if (inObject) {
            out.add("FIELD_NAME " + node.name());
        }
        switch (node.kind()) {
            case OBJECT, ARRAY -> {
                out.add(node.kind() == Kind.OBJECT ? "START_OBJECT {" : "START_ARRAY [");
                node.children().forEach(child -> write(child, node.kind() == Kind.OBJECT, out));
                out.add(node.kind() == Kind.OBJECT ? "END_OBJECT }" : "END_ARRAY ]");
            }
            case STRING -> out.add("VALUE_STRING " + node.value());
            case NUMBER -> out.add((node.value().matches("-?\\d+") ? "VALUE_NUMBER_INT " : "VALUE_NUMBER_FLOAT ")
                    + node.value());
            case BOOLEAN -> out.add((node.value().equals("true") ? "VALUE_TRUE " : "VALUE_FALSE ") + node.value());
            case NULL -> out.add("VALUE_NULL null");
            case MORE -> throw new AssertionError("a MORE node in a whole tree");
        }
    }

    /**
     * The tokens of one JSON object or array read by Jackson with Flowdeck's limits, each with its text; empty when
     * the text is not exactly one (a scalar, a cut, trailing garbage, over a limit).
     */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        try (JsonParser parser = JsonLimits.factory().createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                tokens.add(token + " " + parser.getText());
            }
        } catch (IOException notOneDocument) {
            return List.of();
        }
        boolean oneContainer = !tokens.isEmpty() && tokens.getFirst().startsWith("START_")
                && depthZeroOnlyAtEnd(tokens);
        return oneContainer ? tokens : List.of();
    }

    private static boolean depthZeroOnlyAtEnd(List<String> tokens) {
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            depth += token.startsWith("START_") ? 1 : token.startsWith("END_") ? -1 : 0;
            if (depth == 0 && i < tokens.size() - 1) {
                return false;
            }
        }
        return depth == 0;
    }
}
