package dev.flowdeck.benchmarks;

import dev.flowdeck.core.broker.BrokerConnection;
import dev.flowdeck.core.browse.BrowsedMessage;
import dev.flowdeck.core.decode.PayloadText;
import dev.flowdeck.core.export.ExportFormat;
import dev.flowdeck.core.export.MessageExport;
import dev.flowdeck.core.mask.HashKey;
import dev.flowdeck.core.mask.MaskRule;
import dev.flowdeck.core.mask.Masking;
import dev.flowdeck.core.mask.MaskingSettings;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a profile's masking costs where it is applied (decision 0022): an export of every record of the orders
 * topic as JSON Lines, read through the connection and written on the reading thread as the browser's "every match"
 * export writes it, with and without masking; the same export from memory, so the masking's own share shows; and the
 * table's value preview of a row, masked and not. Masked and plain alternate, round after round.
 */
final class MaskingBenchmark implements Benchmark {

    private static final Logger LOG = LoggerFactory.getLogger(MaskingBenchmark.class);
    /** Records held in memory for the in-memory figures: enough for stable times, small in a 1 GiB heap. */
    static final long MAX_IN_MEMORY = 200_000;
    /** What a payments team would mask in these events: a deep scan, a nested field, a removal, a header. */
    static final List<String> RULES = List.of("$..email hash", "$.customer.name mask", "$.shipping.postcode remove",
            "header traceparent hash");

    @Override
    public String id() {
        return "masking";
    }

    @Override
    public MaskingResult run(BenchmarkContext context) throws Exception {
        long records = Math.min(context.options().records(), MAX_IN_MEMORY);
        OrderTopic topic = context.orders(records);
        Masking masking = Masking.of(new MaskingSettings(RULES.stream().map(MaskRule::parse).toList(), false, false),
                HashKey.random());
        List<BrowsedMessage> messages = BrowseAll.read(context.connection(), topic.name(), records,
                Duration.ofMinutes(10));
        int warmups = context.options().warmups();
        int rounds = context.options().rounds();
        var read = new Figures();
        var memory = new Figures();
        var preview = new Figures();
        for (int round = 0; round < warmups + rounds; round++) {
            boolean keep = round >= warmups;
            // Alternate which goes first, so neither always meets a warmer cache.
            for (boolean masked : round % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                Masking applied = masked ? masking : Masking.NONE;
                double readSeconds = exportThroughConnection(context.connection(), topic.name(), records, applied);
                double memorySeconds = exportFromMemory(messages, applied);
                double previewSeconds = previews(messages, applied);
                LOG.info("{} {} {}: export read {} s, from memory {} s, previews {} s", keep ? "round" : "warm-up",
                        round + 1, masked ? "masked" : "plain", String.format("%.3f", readSeconds),
                        String.format("%.3f", memorySeconds), String.format("%.3f", previewSeconds));
                if (keep) {
                    read.add(masked, readSeconds);
                    memory.add(masked, memorySeconds);
                    preview.add(masked, previewSeconds);
                }
            }
        }
        long leaked = leaks(messages, masking);
        return new MaskingResult(records, RULES, read.plainMedian(), read.maskedMedian(), memory.plainMedian(),
                memory.maskedMedian(), preview.plainMedian(), preview.maskedMedian(), rounds, leaked);
    }

    /** Plain and masked times of one figure, by round. */
    private static final class Figures {
        final List<Double> plain = new ArrayList<>();
        final List<Double> masked = new ArrayList<>();

        void add(boolean isMasked, double seconds) {
            (isMasked ? masked : plain).add(seconds);
        }

        double plainMedian() {
            return AlternatingRounds.median(plain);
        }

        double maskedMedian() {
            return AlternatingRounds.median(masked);
        }
    }

    /** Every record read through the connection and written to a discarding stream on the reading thread. */
    private static double exportThroughConnection(BrokerConnection connection, String topic, long records,
                                                  Masking masking) throws Exception {
        long start = System.nanoTime();
        try (MessageExport export = masking.exporting(ExportFormat.JSON_LINES.open(OutputStream.nullOutputStream()))) {
            BrowseAll.each(connection, topic, records, Duration.ofMinutes(10), export::write);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double exportFromMemory(List<BrowsedMessage> messages, Masking masking) {
        long start = System.nanoTime();
        try (MessageExport export = masking.exporting(ExportFormat.JSON_LINES.open(OutputStream.nullOutputStream()))) {
            messages.forEach(export::write);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** The table's value cell of every row: what drawing them all would cost (a screen draws a few dozen). */
    private static double previews(List<BrowsedMessage> messages, Masking masking) {
        long start = System.nanoTime();
        long chars = 0;
        for (BrowsedMessage message : messages) {
            chars += PayloadText.preview(masking.apply(message).message().value(), 200).length();
        }
        if (chars == 0) {
            throw new IllegalStateException("no preview");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Masked e-mail addresses left in a masked export of the first thousand records: the figure must be 0. */
    private static long leaks(List<BrowsedMessage> messages, Masking masking) {
        var out = new ByteArrayOutputStream();
        try (MessageExport export = masking.exporting(ExportFormat.JSON_LINES.open(out))) {
            messages.stream().limit(1_000).forEach(export::write);
        }
        return out.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains("@example.com")).count();
    }
}
