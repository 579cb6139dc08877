package dev.flowdeck.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.fuzz.Fuzz;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The index reads trace ids and keys through a fast path ({@link TraceContext#readIds}, {@link BatchReading}); the
 * propagators ({@link TraceContext#read}) and {@link CorrelationKeys.Reader#valuesOf} are the definition. These
 * differential fuzz tests hold the two to the same answers over valid, near-valid and broken headers and payloads.
 */
class BatchReadingTest {

    private static final String HEX = "0123456789abcdef";
    private static final CorrelationKeys KEYS = CorrelationKeys.parse("correlation-id, property:correlation_id, "
            + "$.orderId, $.order.id");

    @Test
    void theFastPathAndThePropagatorsFindTheSameTraceAndCountTheSame() {
        Fuzz.check(20_000, fuzz -> {
            BrowsedMessage message = fuzz.input("message", tracedMessage(fuzz));

            var expected = new ExtractionTally();
            Optional<TraceContext> context = TraceContext.read(message, expected);
            long[] ids = new long[2];
            int code = TraceContext.readIds(message, ids);
            var counted = new ExtractionTally();
            TraceContext.count(code, counted);

            assertThat(counted.summary()).isEqualTo(expected.summary());
            assertThat(code % TraceContext.MALFORMED_ONE != TraceContext.NOTHING).isEqualTo(context.isPresent());
            context.ifPresent(found -> assertThat("%016x%016x".formatted(ids[0], ids[1])).isEqualTo(found.traceId()));
        });
    }

    @Test
    void aValidTraceparentIsReadWithoutThePropagatorOnlyWhenItIsThePlainForm() {
        Fuzz.check(5_000, fuzz -> {
            byte[] value = fuzz.input("traceparent", traceparent(fuzz)).getBytes(StandardCharsets.ISO_8859_1);
            long[] ids = new long[2];
            if (TraceContext.plainTraceparent(value, ids)) {
                var tally = new ExtractionTally();
                var message = Events.in("t").header("traceparent", value).message();
                assertThat(TraceContext.read(message, tally)).map(TraceContext::traceId)
                        .contains("%016x%016x".formatted(ids[0], ids[1]));
            }
        });
    }

    @Test
    void keysAreFingerprintedAsTheirTextWhereverTheyAreRead() {
        var reader = KEYS.reader();
        Fuzz.check(20_000, fuzz -> {
            BrowsedMessage message = fuzz.input("message", keyedMessage(fuzz));

            var prints = new KeyPrints();
            prints.startMessage();
            reader.fingerprints(message, prints);

            List<String> values = reader.valuesOf(message);
            assertThat(prints.count()).isEqualTo(values.size());
            for (int k = 0; k < values.size(); k++) {
                long[] print = DenseIds.fingerprint(values.get(k));
                assertThat(new long[] {prints.high(k), prints.low(k)}).as(values.get(k)).containsExactly(print);
            }
        });
    }

    @Test
    void aBatchReadingIndexesAsMessageByMessageDoes() {
        Fuzz.check(300, fuzz -> {
            List<BrowsedMessage> batch = new ArrayList<>();
            int size = fuzz.between(0, 40);
            for (int i = 0; i < size; i++) {
                batch.add(fuzz.oneIn(2) ? tracedMessage(fuzz) : keyedMessage(fuzz));
            }
            fuzz.input("batch", batch);
            var byBatch = new ChainIndex(KEYS);
            var byMessage = new ChainIndex(KEYS);

            byBatch.add(new dev.flowdeck.core.browse.MessageBatch(batch, size, size, size));
            batch.forEach(byMessage::add);

            assertThat(byBatch.size()).isEqualTo(byMessage.size());
            assertThat(byBatch.tally().summary()).isEqualTo(byMessage.tally().summary());
            List<Chain> chainsByBatch = new ArrayList<>();
            List<Chain> chainsByMessage = new ArrayList<>();
            byBatch.forEachChain(chainsByBatch::add);
            byMessage.forEachChain(chainsByMessage::add);
            assertThat(chainsByBatch).isEqualTo(chainsByMessage);
        });
    }

    /** Trace headers as services write them, and as they break: W3C, B3 single and multi, in any case, repeated. */
    private static BrowsedMessage tracedMessage(Fuzz fuzz) {
        List<MessageHeader> headers = new ArrayList<>();
        int count = fuzz.between(0, 4);
        for (int i = 0; i < count; i++) {
            switch (fuzz.below(7)) {
                case 0, 1 -> headers.add(header(fuzz, "traceparent", traceparent(fuzz)));
                case 2 -> headers.add(header(fuzz, "tracestate", fuzz.of("congo=t61rcWkgMzE", "a=1,b=2", "=", "")));
                case 3 -> headers.add(header(fuzz, "b3", b3Single(fuzz)));
                case 4 -> headers.add(header(fuzz, "X-B3-TraceId", mutated(fuzz, hex(fuzz, fuzz.of(16, 32)))));
                case 5 -> headers.add(header(fuzz, "X-B3-SpanId", mutated(fuzz, hex(fuzz, 16))));
                default -> headers.add(new MessageHeader(fuzz.of("content-type", "correlation-id", "x-b3-sampled"),
                        fuzz.oneIn(10) ? null : fuzz.bytes(12)));
            }
        }
        return new BrowsedMessage("orders", 0, fuzz.between(0, 1_000), Instant.EPOCH.plusMillis(fuzz.between(0, 50)),
                null, null, headers);
    }

    /** The name as written, or in another case; the value as text, or (rarely) raw bytes or none. */
    private static MessageHeader header(Fuzz fuzz, String name, String value) {
        String spelled = switch (fuzz.below(6)) {
            case 0 -> name.toUpperCase(java.util.Locale.ROOT);
            case 1 -> name.toLowerCase(java.util.Locale.ROOT);
            default -> name;
        };
        if (fuzz.oneIn(40)) {
            return new MessageHeader(spelled, fuzz.oneIn(2) ? null : fuzz.bytes(60));
        }
        return new MessageHeader(spelled, value.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A version-00 traceparent, mostly valid, else changed in one of the ways that matter to the propagator. */
    private static String traceparent(Fuzz fuzz) {
        String trace = fuzz.oneIn(20) ? "0".repeat(32) : hex(fuzz, 32);
        String span = fuzz.oneIn(20) ? "0".repeat(16) : hex(fuzz, 16);
        String version = fuzz.oneIn(6) ? fuzz.of("01", "ff", "0A", "fe", "cc") : "00";
        String tail = fuzz.oneIn(8) ? fuzz.of("-what-ever", "-", "x", "-01") : "";
        String flags = fuzz.oneIn(10) ? fuzz.of("0G", "FF", "1", "-1") : hex(fuzz, 2);
        return mutated(fuzz, version + "-" + trace + "-" + span + "-" + flags + tail);
    }

    private static String b3Single(Fuzz fuzz) {
        String value = hex(fuzz, fuzz.of(16, 32)) + "-" + hex(fuzz, 16);
        if (fuzz.oneIn(2)) {
            value += "-" + fuzz.of("0", "1", "d");
        }
        if (fuzz.oneIn(3)) {
            value += "-" + hex(fuzz, 16);
        }
        return mutated(fuzz, fuzz.oneIn(30) ? fuzz.of("0", "1", "d") : value);
    }

    /** Half the time as it is; else one character changed, removed or added, or the case of it all changed. */
    private static String mutated(Fuzz fuzz, String text) {
        if (text.isEmpty() || fuzz.oneIn(2)) {
            return text;
        }
        int at = fuzz.below(text.length());
        char other = fuzz.of('0', 'f', 'F', 'g', '-', ' ', '\u00e9', 'a', '9');
        return switch (fuzz.below(4)) {
            case 0 -> text.substring(0, at) + other + text.substring(at + 1);
            case 1 -> text.substring(0, at) + text.substring(at + 1);
            case 2 -> text.substring(0, at) + other + text.substring(at);
            default -> text.toUpperCase(java.util.Locale.ROOT);
        };
    }

    private static String hex(Fuzz fuzz, int digits) {
        var text = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            text.append(HEX.charAt(fuzz.below(16)));
        }
        return text.toString();
    }

    /** Keys in headers, properties and payloads: plain, escaped, non-ASCII, blank, numbers, objects, broken JSON. */
    private static BrowsedMessage keyedMessage(Fuzz fuzz) {
        List<MessageHeader> headers = new ArrayList<>();
        if (fuzz.oneIn(2)) {
            headers.add(new MessageHeader("correlation-id", fuzz.oneIn(10) ? null
                    : keyText(fuzz).getBytes(StandardCharsets.UTF_8)));
        }
        if (fuzz.oneIn(4)) {
            headers.add(new MessageHeader("traceparent", traceparent(fuzz).getBytes(StandardCharsets.US_ASCII)));
        }
        Map<String, String> properties = fuzz.oneIn(3) ? Map.of("correlation_id", keyText(fuzz)) : Map.of();
        String payload = payload(fuzz);
        return new BrowsedMessage(fuzz.of("orders", "payments", "orders-dlt"), fuzz.between(0, 2),
                fuzz.between(0, 1_000), Instant.EPOCH.plusMillis(fuzz.between(0, 50)), null,
                payload == null ? null : payload.getBytes(StandardCharsets.UTF_8), headers, false, properties);
    }

    private static String keyText(Fuzz fuzz) {
        return fuzz.of("ord-1", "ord-2", "ord-1", "", "   ", "ünï", "a\\\"b", "x y", "7") + (fuzz.oneIn(3)
                ? fuzz.chars("ab -\u00e9", 4) : "");
    }

    private static String payload(Fuzz fuzz) {
        if (fuzz.oneIn(10)) {
            return null;
        }
        String value = switch (fuzz.below(9)) {
            case 0 -> "\"" + keyText(fuzz) + "\"";
            case 1 -> "\"" + fuzz.of("a\\u0041b", "tab\\there", "q\\\"uote", "\\\\", "é") + "\"";
            case 2 -> fuzz.of("4711", "-0.5", "1e3", "1.0E+2", "00", "12345678901234567890123");
            case 3 -> fuzz.of("true", "null", "{}", "[1,2]", "{\"id\":\"ord-9\"}");
            case 4 -> "\"\"";
            case 5 -> "\"" + " ".repeat(fuzz.between(1, 3)) + "\"";
            default -> "\"ord-" + fuzz.between(0, 9) + "\"";
        };
        String field = fuzz.of("orderId", "orderId", "order", "orderid");
        String doc = "{\"type\":\"x\",\"" + field + "\":" + value
                + (fuzz.oneIn(4) ? ",\"orderId\":\"ord-later\"" : "") + ",\"n\":1}";
        if (fuzz.oneIn(6)) {
            int cut = fuzz.between(0, doc.length());
            doc = doc.substring(0, cut) + fuzz.of("", "}", "x", ",", "\u0001") + doc.substring(cut);
        }
        return fuzz.oneIn(20) ? fuzz.string(30) : doc;
    }
}
