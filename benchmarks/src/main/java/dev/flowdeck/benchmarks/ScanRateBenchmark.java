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
 *
 * <p>Each filter is also run inside the bare consumer's loop ({@link RawConsumerScan#filtered}), so a filtered
 * browse has two yardsticks: the loop that only touches the values (the most a reader could do, the ratio)
 * and the loop that does the same filtering with nothing else around it (what the browse itself adds).
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
        String servers = context.bootstrapServers();
        var regex = MessageFilter.Regex.of(OrderEvents.REGEX);
        var json = MessageFilter.Json.of(OrderEvents.JSON_PATH);
        String regexShown = "regex `" + OrderEvents.REGEX + "`";
        String jsonShown = "JSONPath `" + OrderEvents.JSON_PATH + "`";
        // The bare readers with a filter run next to the browse with it; `baseline` names the same-filter reader.
        record Variant(String reader, String filter, long expected, AlternatingRounds.Reader read, String baseline) {
        }
        List<Variant> variants = List.of(
                new Variant(RAW, "none", topic.records(), new AlternatingRounds.Reader(RAW,
                        () -> RawConsumerScan.run(servers, topic)), RAW),
                new Variant("Flowdeck browse", "none", topic.records(), new AlternatingRounds.Reader("unfiltered",
                        () -> FlowdeckScan.run(connection, everything, timeout)), RAW),
                new Variant(RAW, regexShown, topic.disputed(), new AlternatingRounds.Reader("bare regex",
                        () -> RawConsumerScan.filtered(servers, topic, regex)), "bare regex"),
                new Variant("Flowdeck browse", regexShown, topic.disputed(), new AlternatingRounds.Reader("regex",
                        () -> FlowdeckScan.run(connection, everything.filteredBy(regex), timeout)), "bare regex"),
                new Variant(RAW, jsonShown, topic.big(), new AlternatingRounds.Reader("bare jsonpath",
                        () -> RawConsumerScan.filtered(servers, topic, json)), "bare jsonpath"),
                new Variant("Flowdeck browse", jsonShown, topic.big(), new AlternatingRounds.Reader("jsonpath",
                        () -> FlowdeckScan.run(connection, everything.filteredBy(json), timeout)), "bare jsonpath"));

        Map<String, List<ScanRun>> runs = AlternatingRounds.run(variants.stream().map(Variant::read).toList(),
                options.warmups(), options.rounds());

        Figures raw = new Figures(runs.get(RAW));
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
            Figures figures = new Figures(measured);
            Figures sameFilter = new Figures(runs.get(variant.baseline()));
            List<Double> ratios = AlternatingRounds.ratios(figures.rates, raw.rates);
            rows.add(new ScanRateResult.Row(variant.reader(), variant.filter(), measured.getLast().scanned(),
                    measured.getLast().matched(), figures.medianRate(), figures.medianRate() / raw.medianRate(),
                    ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                    ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), figures.rates,
                    figures.cpu, raw.cpu / figures.cpu, figures.medianRate() / sameFilter.medianRate(),
                    sameFilter.cpu / figures.cpu));
        }
        return new ScanRateResult(topic, options.compression(), options.warmups(), options.rounds(), rows);
    }

    /** A reader's rates, round by round, and its median CPU time per record. */
    private record Figures(List<Double> rates, double cpu) {
        Figures(List<ScanRun> runs) {
            this(runs.stream().map(ScanRun::perSecond).toList(),
                    AlternatingRounds.median(runs.stream().map(ScanRun::cpuMicrosPerRecord).toList()));
        }

        double medianRate() {
            return AlternatingRounds.median(rates);
        }
    }
}
