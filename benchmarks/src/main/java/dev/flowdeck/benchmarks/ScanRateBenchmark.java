package dev.flowdeck.benchmarks;

import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.filter.MessageFilter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How fast a filtered scan reads, against the bare consumer: every record of the topic read from the beginning to
 * the end offsets, no limit, by (a) the bare consumer, (b) Flowdeck's browse without a filter (what the connector
 * itself costs), (c) with an RE2 regular expression and (d) with a JSONPath predicate, each finding 1%.
 */
final class ScanRateBenchmark implements Benchmark {

    static final String RAW = "bare KafkaConsumer";

    @Override
    public String id() {
        return "scan-rate";
    }

    @Override
    public ScanRateResult run(BenchmarkContext context) {
        var options = context.options();
        OrderTopic topic = context.orders(options.records());
        var connection = context.connection();
        Duration timeout = Duration.ofMinutes(10);
        var everything = BrowseRequest.fromBeginning(topic.name());
        record Variant(String reader, String filter, long expected, AlternatingRounds.Reader read) {
        }
        List<Variant> variants = List.of(
                new Variant(RAW, "none", topic.records(), new AlternatingRounds.Reader(RAW,
                        () -> RawConsumerScan.run(context.bootstrapServers(), topic))),
                new Variant("Flowdeck browse", "none", topic.records(), new AlternatingRounds.Reader("unfiltered",
                        () -> FlowdeckScan.run(connection, everything, timeout))),
                new Variant("Flowdeck browse", "regex `" + OrderEvents.REGEX + "`", topic.disputed(),
                        new AlternatingRounds.Reader("regex", () -> FlowdeckScan.run(connection,
                                everything.filteredBy(MessageFilter.Regex.of(OrderEvents.REGEX)), timeout))),
                new Variant("Flowdeck browse", "JSONPath `" + OrderEvents.JSON_PATH + "`", topic.big(),
                        new AlternatingRounds.Reader("jsonpath", () -> FlowdeckScan.run(connection,
                                everything.filteredBy(MessageFilter.Json.of(OrderEvents.JSON_PATH)), timeout))));

        Map<String, List<ScanRun>> runs = AlternatingRounds.run(variants.stream().map(Variant::read).toList(),
                options.warmups(), options.rounds());

        List<Double> rawRates = runs.get(RAW).stream().map(ScanRun::perSecond).toList();
        double rawMedian = AlternatingRounds.median(rawRates);
        double rawCpu = AlternatingRounds.median(runs.get(RAW).stream().map(ScanRun::cpuMicrosPerRecord).toList());
        List<ScanRateResult.Row> rows = new ArrayList<>();
        for (Variant variant : variants) {
            List<ScanRun> measured = runs.get(variant.read().name());
            for (ScanRun run : measured) {
                if (run.scanned() != topic.records() || run.matched() != variant.expected()) {
                    throw new IllegalStateException(variant.read().name() + " scanned " + run.scanned()
                            + " and matched " + run.matched() + "; expected " + topic.records() + " and "
                            + variant.expected());
                }
            }
            List<Double> rates = measured.stream().map(ScanRun::perSecond).toList();
            List<Double> ratios = AlternatingRounds.ratios(rates, rawRates);
            double cpu = AlternatingRounds.median(measured.stream().map(ScanRun::cpuMicrosPerRecord).toList());
            rows.add(new ScanRateResult.Row(variant.reader(), variant.filter(), measured.getLast().scanned(),
                    measured.getLast().matched(), AlternatingRounds.median(rates),
                    AlternatingRounds.median(rates) / rawMedian,
                    ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                    ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), rates, cpu,
                    rawCpu / cpu));
        }
        return new ScanRateResult(topic, options.compression(), options.warmups(), options.rounds(), rows);
    }
}
