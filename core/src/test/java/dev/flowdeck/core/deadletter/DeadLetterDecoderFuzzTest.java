package dev.flowdeck.core.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.browse.MessageHeader;
import dev.flowdeck.core.fuzz.Fuzz;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whatever bytes a dead letter's headers hold, decoding answers: a dead letter, never an exception. */
class DeadLetterDecoderFuzzTest {

    /** Every header name a convention reads, so the fuzz reaches each reader and not only "no convention". */
    private static final List<String> NAMES = List.of("kafka_dlt-original-topic", "kafka_dlt-original-partition",
            "kafka_dlt-original-offset", "kafka_dlt-original-timestamp", "kafka_dlt-exception-fqcn",
            "kafka_dlt-exception-cause-fqcn", "kafka_dlt-exception-message", "kafka_dlt-exception-stacktrace",
            "kafka_dlt-key-exception-fqcn", "kafka_original-topic", "kafka_exception-fqcn", "retry_topic-attempts",
            "__connect.errors.topic", "__connect.errors.partition", "__connect.errors.offset",
            "__connect.errors.stage", "__connect.errors.exception.class.name", "x-death", "x-opt-deaths",
            "x-first-death-queue", "x-first-death-exchange", "x-last-death-reason", "x-exception-message",
            "x-exception-stacktrace", "x-original-exchange", "x-original-routingKey", "x-original-topic",
            "x-original-partition", "x-original-offset", "x-original-timestamp", "x-exception-fqcn",
            "original_topic", "original_partition", "original_offset", "src", "src-offset", "when");

    private static final HeaderMapping MAPPING = HeaderMapping.fromProperties(Map.of(
            HeaderMapping.PREFIX + "origin", "src", HeaderMapping.PREFIX + "origin-offset", "src-offset",
            HeaderMapping.PREFIX + "failed-at", "when", HeaderMapping.PREFIX + "count", "src-offset"));

    @Test
    void decodingArbitraryHeaderBytesNeverThrows() {
        Fuzz.check(2_000, fuzz -> {
            List<MessageHeader> headers = fuzz.input("headers", fuzz.list(0, 8, () -> new MessageHeader(
                    fuzz.oneIn(10) ? fuzz.string(12) : fuzz.of(NAMES.toArray(String[]::new)), value(fuzz))));
            var message = new BrowsedMessage("orders-dlt", 0, fuzz.anyLong(),
                    fuzz.oneIn(5) ? null : Instant.ofEpochMilli(fuzz.between(0L, 4_000_000_000_000L)),
                    fuzz.oneIn(3) ? null : fuzz.bytes(16), fuzz.bytes(16), headers);
            var decoder = fuzz.oneIn(2) ? DeadLetterDecoder.standard() : new DeadLetterDecoder(MAPPING);

            DeadLetter deadLetter = decoder.decode(message);

            assertThat(deadLetter.at().destination()).isEqualTo("orders-dlt");
            assertThat(deadLetter.notes()).noneMatch(note -> note.startsWith("could not be read"));
            // Grouping takes whatever decoding gives.
            new DeadLetterGroups().add(deadLetter);
        });
    }

    /** Bytes of every shape the readers meet: binary numbers, digits, JSON lists, times, or anything at all. */
    private static byte[] value(Fuzz fuzz) {
        return switch (fuzz.below(8)) {
            case 0 -> null;
            case 1 -> java.nio.ByteBuffer.allocate(fuzz.of(4, 8)).putInt(0, (int) fuzz.anyLong()).array();
            case 2 -> Long.toString(fuzz.anyLong()).getBytes(StandardCharsets.US_ASCII);
            case 3 -> ("[{\"queue\":" + fuzz.of("\"q\"", "1", "null", "[]") + ",\"count\":"
                    + fuzz.of("1", "-5", "\"7\"", "1e400", "99999999999999999999", "{}") + ",\"time\":"
                    + fuzz.of("\"2026-01-01T00:00:00Z\"", "\"yesterday\"", "-99999999999999", "9e18", "true")
                    + ",\"routing-keys\":" + fuzz.of("[\"k\"]", "\"k\"", "[1,null]", "{}") + "}"
                    + fuzz.of("]", "", ",1]", ",[]]")).getBytes(StandardCharsets.UTF_8);
            case 4 -> fuzz.of("2026-01-01T00:00:00Z", "+1000000000-12-31T23:59:59Z", "", " ", "-")
                    .getBytes(StandardCharsets.UTF_8);
            case 5 -> fuzz.string(40).getBytes(StandardCharsets.UTF_8);
            default -> fuzz.bytes(64);
        };
    }
}
