package dev.flowdeck.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs readers in turn, round after round (A, B, C, A, B, C, ...), so that whatever else the machine is doing
 * weighs on all of them alike; warm-up rounds run first and are thrown away. A figure is then a median, and a
 * comparison a ratio between readers of the same run.
 */
final class AlternatingRounds {

    private static final Logger LOG = LoggerFactory.getLogger(AlternatingRounds.class);

    /** One way of reading, by the name the report gives it. */
    record Reader(String name, Supplier<ScanRun> read) {
    }

    private AlternatingRounds() {
    }

    /** The measured runs of each reader, in round order, keyed by reader name in the order given. */
    static Map<String, List<ScanRun>> run(List<Reader> readers, int warmups, int rounds) {
        Map<String, List<ScanRun>> runs = new LinkedHashMap<>();
        readers.forEach(reader -> runs.put(reader.name(), new ArrayList<>()));
        for (int round = 0; round < warmups + rounds; round++) {
            boolean warmup = round < warmups;
            for (Reader reader : readers) {
                ScanRun run = reader.read().get();
                LOG.info("{} {}: {}: {} records in {} s, {} records/s, {} us CPU a record{}",
                        warmup ? "warm-up" : "round", warmup ? round + 1 : round - warmups + 1, reader.name(),
                        run.scanned(), String.format("%.2f", run.seconds()), String.format("%,.0f", run.perSecond()),
                        String.format("%.2f", run.cpuMicrosPerRecord()), run.allocatedBytes() < 0 ? ""
                                : String.format(", %,.0f bytes allocated a record, GC %d ms",
                                        run.allocatedBytesPerRecord(), run.gcMillis()));
                if (!warmup) {
                    runs.get(reader.name()).add(run);
                }
            }
        }
        return runs;
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** Each round's figure of {@code of} divided by the same round's figure of {@code by}. */
    static List<Double> ratios(List<Double> of, List<Double> by) {
        Double[] ratios = new Double[of.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = of.get(i) / by.get(i);
        }
        return Arrays.asList(ratios);
    }
}
