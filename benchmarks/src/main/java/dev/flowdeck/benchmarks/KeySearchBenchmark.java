package dev.flowdeck.benchmarks;

import dev.flowdeck.core.browse.BrowseRequest;
import dev.flowdeck.core.filter.MessageFilter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What narrowing a key search to the key's partition saves: the same key filter read as the browser reads it
 * (narrowed to the partition murmur2 sends the key to) and with every partition named (which turns the narrowing
 * off), in alternating rounds.
 */
final class KeySearchBenchmark implements Benchmark {

    @Override
    public String id() {
        return "key-search";
    }

    @Override
    public KeySearchResult run(BenchmarkContext context) {
        var options = context.options();
        OrderTopic topic = context.orders(options.records());
        var connection = context.connection();
        Duration timeout = Duration.ofMinutes(10);
        var search = BrowseRequest.fromBeginning(topic.name())
                .filteredBy(MessageFilter.KeyEquals.text(topic.probeKey()));
        Set<Integer> all = IntStream.range(0, topic.partitions()).boxed().collect(Collectors.toSet());
        Map<String, List<ScanRun>> runs = AlternatingRounds.run(List.of(
                new AlternatingRounds.Reader("key search", () -> FlowdeckScan.run(connection, search, timeout)),
                new AlternatingRounds.Reader("key search, all partitions",
                        () -> FlowdeckScan.run(connection, search.onlyPartitions(all), timeout))),
                options.warmups(), options.rounds());
        List<ScanRun> narrowed = runs.get("key search");
        List<ScanRun> full = runs.get("key search, all partitions");
        long partitionSize = topic.partitionSizes().get(topic.probePartition());
        for (ScanRun run : narrowed) {
            if (run.matched() != topic.probeRecords() || !run.partitions().equals(Set.of(topic.probePartition()))
                    || run.scanned() > partitionSize) {
                throw new IllegalStateException("the key search scanned " + run.scanned() + " and found "
                        + run.matched() + " in " + run.partitions() + "; expected at most " + partitionSize
                        + " scanned and " + topic.probeRecords() + " found in partition " + topic.probePartition());
            }
        }
        for (ScanRun run : full) {
            if (run.matched() != topic.probeRecords() || run.scanned() != topic.records()) {
                throw new IllegalStateException("the full key search scanned " + run.scanned() + " and found "
                        + run.matched() + "; expected " + topic.records() + " and " + topic.probeRecords());
            }
        }
        return new KeySearchResult(topic, narrowed.getLast().scanned(), partitionSize, narrowed.getLast().matched(),
                narrowed.getLast().notes(),
                AlternatingRounds.median(narrowed.stream().map(ScanRun::seconds).toList()),
                AlternatingRounds.median(full.stream().map(ScanRun::seconds).toList()), options.rounds());
    }
}
