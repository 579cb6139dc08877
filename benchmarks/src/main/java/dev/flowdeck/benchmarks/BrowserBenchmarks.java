package dev.flowdeck.benchmarks;

import dev.flowdeck.core.concurrent.NamedThreadFactory;
import dev.flowdeck.sandbox.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser's benchmarks: starts a sandbox broker (a child JVM), runs each {@link Benchmark} against it in turn,
 * prints the Markdown report and writes it to {@code --out} (see {@link BenchmarkOptions#parse} for the options).
 * The full run is {@code ./mvnw -Pbenchmarks -DskipTests -pl benchmarks -am package}.
 */
public final class BrowserBenchmarks {

    private static final Logger LOG = LoggerFactory.getLogger(BrowserBenchmarks.class);

    private BrowserBenchmarks() {
    }

    /** Every benchmark, in the order they run; a new one is added here. */
    static List<Benchmark> all() {
        return List.of(new ScanRateBenchmark(), new KeySearchBenchmark(), new HeapBenchmark(), new PulseGapBenchmark(),
                new LagRoundBenchmark(), new TraceIndexBenchmark(), new ReplayBenchmark(),
                new RabbitReplayBenchmark(), new AvroScanBenchmark(), new MaskingBenchmark());
    }

    public static void main(String[] args) throws Exception {
        var options = BenchmarkOptions.parse(args);
        Report report = run(options);
        // The report is the harness's answer, printed like a command's output (and also written to target/): not a
        // log line, which logging settings could drop or reformat.
        System.out.println();
        System.out.println(report.markdown());
        LOG.info("Written to {}", options.out().toAbsolutePath());
        // JavaFX's thread (started by the UI benchmark) is not a daemon and would keep the harness alive.
        System.exit(0);
    }

    /** Runs the benchmarks the options ask for and writes the report to {@code options.out()}. */
    public static Report run(BenchmarkOptions options) throws Exception {
        var known = all().stream().map(Benchmark::id).toList();
        if (!known.containsAll(options.only())) {
            throw new IllegalArgumentException("--only takes " + String.join(", ", known) + "; not " + options.only());
        }
        Instant started = Instant.now();
        double loadBefore = Machine.loadAverage();
        List<BenchmarkResult> results = new ArrayList<>();
        ExecutorService worker = Executors.newFixedThreadPool(2, new NamedThreadFactory("benchmarks-worker"));
        try (var broker = EmbeddedKafkaBroker.start();
             var context = new BenchmarkContext(options, broker.bootstrapServers(), worker)) {
            for (Benchmark benchmark : all()) {
                if (options.runs(benchmark)) {
                    LOG.info("Running {}", benchmark.id());
                    results.add(benchmark.run(context));
                }
            }
        } finally {
            worker.shutdownNow();
        }
        var report = new Report(started, Duration.between(started, Instant.now()), Machine.describe(),
                loadBefore, Machine.loadAverage(), options, results);
        writeReport(report, options);
        return report;
    }

    private static void writeReport(Report report, BenchmarkOptions options) throws IOException {
        var out = options.out().toAbsolutePath();
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.markdown());
    }
}
